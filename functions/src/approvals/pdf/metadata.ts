import { AFRelationship, PDFDict, type PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { z } from "zod";
import type { KomuSealMetadata } from "./types.js";

/**
 * The machine-readable mark of a sealed PDF, written twice: a `KomuSeal` entry (JSON) in the
 * document Info dictionary, which verification reads, and an attached `komu-approval.json`
 * (an associated file, /AFRelationship /Data) for people and other tools. Neither holds the
 * sealed file's own hash (a file cannot contain its hash): the engine records it.
 */
export const INFO_KEY = "KomuSeal";
export const ATTACHMENT_NAME = "komu-approval.json";

export const KomuSealMetadataSchema = z.object({
  format: z.literal("komu-sealed/1"),
  schoolId: z.string().min(1).max(100),
  approvalId: z.string().min(1).max(200),
  verificationCode: z.string().min(1).max(100),
  documentNumber: z.string().max(200),
  title: z.string().max(500),
  originalSha256: z.string().regex(/^[0-9a-f]{64}$/),
  sealedAt: z.string(),
  originalPages: z.number().int().positive(),
  placement: z.enum(["stamp-box", "band"]),
}) satisfies z.ZodType<KomuSealMetadata>;

export const writeSealMetadata = async (doc: PDFDocument, meta: KomuSealMetadata): Promise<void> => {
  const json = JSON.stringify(meta);
  const when = new Date(meta.sealedAt);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(`決裁済み ${meta.documentNumber}（Kōmu 電子決裁）`);
  doc.setKeywords(["komu-sealed", meta.approvalId, meta.verificationCode, meta.documentNumber]);
  doc.setProducer("Kōmu 電子決裁 (pdf-lib)");
  doc.setModificationDate(when);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of(INFO_KEY), PDFHexString.fromText(json));
  await doc.attach(new TextEncoder().encode(JSON.stringify(meta, null, 2)), ATTACHMENT_NAME, {
    mimeType: "application/json",
    description: "Kōmu 決裁情報 / approval metadata",
    creationDate: when,
    modificationDate: when,
    afRelationship: AFRelationship.Data,
  });
};

/** The metadata of a Kōmu-sealed PDF, or null (absent, or not valid). */
export const readSealMetadata = (doc: PDFDocument): KomuSealMetadata | null => {
  try {
    const infoRef = doc.context.trailerInfo.Info;
    if (!infoRef) return null;
    const info = doc.context.lookup(infoRef);
    if (!(info instanceof PDFDict)) return null;
    const value = info.lookup(PDFName.of(INFO_KEY));
    if (!(value instanceof PDFHexString || value instanceof PDFString)) return null;
    const parsed = KomuSealMetadataSchema.safeParse(JSON.parse(value.decodeText()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};
