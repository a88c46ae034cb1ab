/**
 * A development certificate authority for the local tenant's HTTPS.
 * MSAL (inside @azure/identity) only accepts https authorities, so the local tenant speaks TLS
 * with a leaf certificate for localhost/127.0.0.1 signed by this CA. Node processes trust the CA
 * through NODE_EXTRA_CA_CERTS, which must be set before the process starts (see dev/start.ts and
 * tests/setup/global.ts). Generated on first use; never committed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import selfsigned from "selfsigned";

export interface DevTls {
  caPath: string;
  ca: string;
  cert: string;
  key: string;
}

export async function ensureDevCa(dir: string): Promise<DevTls> {
  const caPath = join(dir, "ca.pem");
  const certPath = join(dir, "localhost.pem");
  const keyPath = join(dir, "localhost-key.pem");
  if (existsSync(caPath) && existsSync(certPath) && existsSync(keyPath)) {
    return {
      caPath,
      ca: readFileSync(caPath, "utf8"),
      cert: readFileSync(certPath, "utf8"),
      key: readFileSync(keyPath, "utf8"),
    };
  }
  mkdirSync(dir, { recursive: true });
  const notBeforeDate = new Date(Date.now() - 24 * 3600_000);
  const notAfterDate = new Date(Date.now() + 5 * 365 * 24 * 3600_000);
  const ca = await selfsigned.generate([{ name: "commonName", value: "Komu local development CA" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  writeFileSync(caPath, ca.cert);
  writeFileSync(certPath, leaf.cert);
  writeFileSync(keyPath, leaf.private, { mode: 0o600 });
  return { caPath, ca: ca.cert, cert: leaf.cert, key: leaf.private };
}
