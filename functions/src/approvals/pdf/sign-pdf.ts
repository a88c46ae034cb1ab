import { existsSync, readFileSync } from "node:fs";
import { KomuError } from "@komu/shared";
import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { P12Signer } from "@signpdf/signer-p12";
import { SignPdf } from "@signpdf/signpdf";
import forge from "node-forge";
import type { PDFDocument } from "pdf-lib";

/**
 * The organisation's signature on a sealed PDF: a CMS signature (`adbe.pkcs7.detached`, SHA-256,
 * with the signing time) made with `@signpdf` from a PKCS#12 certificate. Adobe Reader and other
 * viewers show it in their signature panel. It is not PAdES B-B: node-forge's CMS lacks the
 * ESS signing-certificate-v2 attribute, and there is no timestamp (RFC 3161) or LTV data.
 */
export interface SigningKey {
  p12: Uint8Array;
  password: string;
}

/** Space reserved for the CMS (hex doubles it): enough for a 4096-bit key and a 3-certificate chain. */
const SIGNATURE_LENGTH = 16_384;

/** Adds the signature dictionary and its placeholder; save with `useObjectStreams: false` after. */
export const addSignaturePlaceholder = (
  doc: PDFDocument,
  options: { reason: string; signingTime: Date; name?: string },
): void => {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: options.reason,
    contactInfo: "",
    name: options.name ?? "Kōmu 電子決裁",
    location: "",
    signingTime: options.signingTime,
    signatureLength: SIGNATURE_LENGTH,
    appName: "Kōmu",
  });
};

/** Fills the placeholder with the CMS signature. SIGNING_FAILED with a wrong password or key. */
export const signPlaceholder = async (bytes: Uint8Array, key: SigningKey, signingTime: Date): Promise<Uint8Array> => {
  try {
    const signer = new P12Signer(Buffer.from(key.p12), { passphrase: key.password });
    return new Uint8Array(await new SignPdf().sign(Buffer.from(bytes), signer, signingTime));
  } catch (cause) {
    throw new KomuError("SIGNING_FAILED", { cause, details: { reason: (cause as Error)?.message?.slice(0, 200) } });
  }
};

/**
 * The organisation certificate from the environment, read once by whoever builds the deps:
 * `KOMU_SIGNING_P12` is a path to a .p12/.pfx file or its base64; the password is in
 * `SECRET_KOMU_SIGNING_P12_PASSWORD`. Null when no certificate is configured (PDFs are then
 * sealed without a signature); CONFIGURATION_INVALID when it is set but unusable.
 */
export const signingKeyFromEnv = (env: Record<string, string | undefined> = process.env): SigningKey | null => {
  const source = env.KOMU_SIGNING_P12?.trim();
  if (!source) return null;
  const password = env.SECRET_KOMU_SIGNING_P12_PASSWORD;
  if (password === undefined)
    throw new KomuError("CONFIGURATION_INVALID", { details: { missing: "SECRET_KOMU_SIGNING_P12_PASSWORD" } });
  let p12: Uint8Array;
  if (existsSync(source)) p12 = new Uint8Array(readFileSync(source));
  else if (/^[A-Za-z0-9+/=\s]+$/.test(source) && source.length > 100)
    p12 = Uint8Array.from(Buffer.from(source, "base64"));
  else
    throw new KomuError("CONFIGURATION_INVALID", {
      details: { reason: "KOMU_SIGNING_P12 is neither a file nor base64" },
    });
  try {
    // Opening checks the password (the PKCS#12 MAC); P12Signer would only find out when signing.
    forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.binary.raw.encode(p12)), password);
  } catch (cause) {
    throw new KomuError("CONFIGURATION_INVALID", { cause, details: { reason: "KOMU_SIGNING_P12 cannot be opened" } });
  }
  return { p12, password };
};
