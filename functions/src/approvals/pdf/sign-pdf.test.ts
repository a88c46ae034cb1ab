import { createHash } from "node:crypto";
import forge from "node-forge";
import { describe, expect, it } from "vitest";
import { sealPdf } from "./seal-pdf.js";
import { signingKeyFromEnv } from "./sign-pdf.js";
import { plainPdf, sealInput } from "./testing.js";
import { verifyPdf } from "./verify-pdf.js";

/** A self-signed organisation certificate as a PKCS#12, made here (no openssl needed). */
const makeP12 = (password: string) => {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date("2026-01-01T00:00:00Z");
  cert.validity.notAfter = new Date("2030-01-01T00:00:00Z");
  const subject = [{ name: "commonName", value: "Aoba Town Board of Education" }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: "3des" });
  const der = forge.asn1.toDer(asn1).getBytes();
  return { p12: Uint8Array.from(Buffer.from(der, "binary")), cert };
};

/** Checks the CMS in /Contents against the bytes named by /ByteRange and the certificate. */
const checkSignature = (pdf: Uint8Array, cert: forge.pki.Certificate) => {
  const text = Buffer.from(pdf).toString("latin1");
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (!m) throw new Error("no /ByteRange");
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  expect(a).toBe(0);
  expect(c + d).toBe(pdf.length); // the signature covers the whole file but its own hex string
  const signed = Buffer.concat([Buffer.from(pdf.subarray(a, a + b)), Buffer.from(pdf.subarray(c, c + d))]);
  const hex = text.slice(a + b + 1, c - 1).replace(/(00)+$/, "");
  const p7 = forge.pkcs7.messageFromAsn1(
    forge.asn1.fromDer(forge.util.hexToBytes(hex)),
  ) as forge.pkcs7.PkcsSignedData & {
    rawCapture: { authenticatedAttributes: forge.asn1.Asn1[]; signature: string };
  };
  const attrs = p7.rawCapture.authenticatedAttributes;
  const digestAttr = attrs.find(
    (attr) =>
      forge.asn1.derToOid((attr.value as forge.asn1.Asn1[])[0]?.value as string) === forge.pki.oids.messageDigest,
  );
  if (!digestAttr) throw new Error("no messageDigest attribute");
  const values = (digestAttr.value as forge.asn1.Asn1[])[1];
  const digestValue = ((values?.value ?? []) as forge.asn1.Asn1[])[0]?.value as string;
  expect(Buffer.from(digestValue, "binary").toString("hex")).toBe(createHash("sha256").update(signed).digest("hex"));
  // The signature is over the DER of the attributes as a SET.
  const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
  const md = forge.md.sha256.create();
  md.update(forge.asn1.toDer(set).getBytes());
  expect((cert.publicKey as forge.pki.rsa.PublicKey).verify(md.digest().getBytes(), p7.rawCapture.signature)).toBe(
    true,
  );
};

describe("signing with the organisation certificate", () => {
  const password = "correct horse";
  const { p12, cert } = makeP12(password);

  it("signs the sealed PDF (CMS over the whole file) and the signed file still verifies", async () => {
    const original = await plainPdf({ pages: 2 });
    const sealed = await sealPdf(sealInput(original, { signing: { p12, password } }));
    expect(sealed.signed).toBe(true);
    const text = Buffer.from(sealed.bytes).toString("latin1");
    expect(text).toContain("/adbe.pkcs7.detached");
    checkSignature(sealed.bytes, cert);
    const result = await verifyPdf(sealed.bytes, async (ref) => ({
      ...ref,
      sealedSha256: sealed.sha256,
      title: "t",
      documentNumber: "n",
      sealedAt: sealed.metadata.sealedAt,
    }));
    expect(result).toMatchObject({ kind: "komu-sealed", intact: true });
    // Signing time is the 決裁 time: the same input signs to the same bytes.
    expect((await sealPdf(sealInput(original, { signing: { p12, password } }))).sha256).toBe(sealed.sha256);
  });

  it("fails clearly with a wrong password", async () => {
    await expect(sealPdf(sealInput(await plainPdf(), { signing: { p12, password: "wrong" } }))).rejects.toMatchObject({
      code: "SIGNING_FAILED",
    });
  });

  it("reads the certificate from the environment (base64), or none", () => {
    expect(signingKeyFromEnv({})).toBeNull();
    const key = signingKeyFromEnv({
      KOMU_SIGNING_P12: Buffer.from(p12).toString("base64"),
      SECRET_KOMU_SIGNING_P12_PASSWORD: password,
    });
    expect(key?.p12).toEqual(p12);
    expect(() => signingKeyFromEnv({ KOMU_SIGNING_P12: Buffer.from(p12).toString("base64") })).toThrow(
      expect.objectContaining({ code: "CONFIGURATION_INVALID" }),
    );
    expect(() =>
      signingKeyFromEnv({
        KOMU_SIGNING_P12: Buffer.from(p12).toString("base64"),
        SECRET_KOMU_SIGNING_P12_PASSWORD: "wrong",
      }),
    ).toThrow(expect.objectContaining({ code: "CONFIGURATION_INVALID" }));
  });
});
