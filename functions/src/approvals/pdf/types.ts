/**
 * The public types of the sealed-PDF module (印影, 押印欄 / stamp band, 決裁証明, verification).
 * The approval engine calls `functions/src/approvals/pdf/index.ts` at 決裁; keep these stable.
 */

/** Limits of what Kōmu accepts as the main document of an approval (refused above them). */
export const PDF_LIMITS = {
  /** Bytes of one PDF (the records library accepts 100 MB; sealing holds the PDF in memory). */
  maxBytes: 50 * 1024 * 1024,
  /** Pages of one PDF (a 起案 with its 資料; the certificate page is added on top). */
  maxPages: 500,
  /** Images turned into pages in one call, and bytes of one image. */
  maxImages: 50,
  maxImageBytes: 20 * 1024 * 1024,
} as const;

/** A page as a viewer shows it: size in PDF points after /Rotate is applied. */
export interface PdfPageInfo {
  /** MediaBox (or CropBox when present) width and height, before rotation, in points. */
  width: number;
  height: number;
  /** /Rotate normalised to 0, 90, 180 or 270. */
  rotation: 0 | 90 | 180 | 270;
  /** What a reader sees: width/height swapped for 90 and 270. */
  visibleWidth: number;
  visibleHeight: number;
}

/** Where the imprints go on the first page, in the page's visible (rotated) coordinates. */
export interface StampSlot {
  /** The role label the slot was found under (「校長」), or null for a plain 押印欄 slot. */
  label: string | null;
  /** Centre of the imprint and its diameter, in visible-page points, origin bottom-left. */
  cx: number;
  cy: number;
  size: number;
}

export interface StampBox {
  /** How it was found: AcroForm fields named `komu.seal.*` / `押印*`, or text on the page. */
  source: "form-field" | "text";
  slots: StampSlot[];
}

export interface PdfInspection {
  bytes: number;
  pageCount: number;
  pages: PdfPageInfo[];
  /** Always false on success: an encrypted PDF is refused with PDF_ENCRYPTED. */
  encrypted: false;
  /** The first page's 押印欄, or null when the document has none (a stamp band is added). */
  stampBox: StampBox | null;
  /** A Kōmu-sealed PDF carries its metadata; sealing one again is refused by the engine. */
  komuSealed: boolean;
}

export type ImageInput = { bytes: Uint8Array; mediaType: "image/png" | "image/jpeg" };

/**
 * One line of the route on the certificate. Only `approved` and `delegated` (代決) leave an
 * imprint; every entry is listed on the certificate page in the given order.
 */
export const SEAL_DECISIONS = ["approved", "delegated", "acknowledged", "returned", "rejected", "withdrawn"] as const;
export type SealDecisionKind = (typeof SEAL_DECISIONS)[number];

export interface SealDecision {
  /** The stage as shown on the route (「教頭」「合議（学年主任）」「決裁」). */
  stageLabel: string;
  /** The 校務分掌 the person decided as (「教頭」「校長」). */
  role: string;
  /** Full display name (松尾 俊介) and the surname for the imprint (松尾). */
  name: string;
  surname: string;
  decision: SealDecisionKind;
  /** UTC ISO 8601; shown in JST on the imprint and the certificate. */
  decidedAt: string;
  comment?: string;
  /** 代決: the absent approver's name (後閲 is theirs to do). */
  deputyFor?: string;
  /**
   * 代決: the absent approver's role (「校長」). As on paper, the deputy's imprint (marked 代決) goes
   * in that role's cell of the 押印欄 / band; without it, in the deputy's own role's cell.
   */
  deputyForRole?: string;
}

export interface SealPerson {
  /** Registered seal image (PNG, transparent background) keyed by `name` of a decision. */
  name: string;
  png: Uint8Array;
}

export interface SealInput {
  /** The school the approval belongs to (where its seal record is kept). */
  schoolId: string;
  /** Its name for the certificate (「青葉小学校」); the id is printed when absent. */
  schoolName?: string;
  approvalId: string;
  original: Uint8Array;
  title: string;
  documentNumber: string;
  /** With `surname` and `submittedAt`, the drafter's imprint goes in the 起案者 cell too. */
  drafter: { name: string; surname?: string; role?: string };
  /** UTC ISO of 起案 (submission), for the certificate. */
  submittedAt?: string;
  decisions: SealDecision[];
  /** SHA-256 (hex) of `original`; checked against the bytes, SEAL_INPUT_MISMATCH when different. */
  sha256: string;
  verificationCode: string;
  sealImages?: SealPerson[];
  /** Where staff verify (the tab's verification page), printed on the certificate. */
  verifyUrl?: string;
  /** UTC ISO; defaults to the last decision's time. Used for the PDF's dates (deterministic output). */
  sealedAt?: string;
  /**
   * The organisation certificate (signingKeyFromEnv): when given, the sealed PDF is signed (CMS,
   * adbe.pkcs7.detached; see sign-pdf.ts). Without it, the PDF is sealed unsigned.
   */
  signing?: { p12: Uint8Array; password: string };
}

/** What the sealed PDF carries (Info dictionary keys + the attached `komu-approval.json`). */
export interface KomuSealMetadata {
  format: "komu-sealed/1";
  schoolId: string;
  approvalId: string;
  verificationCode: string;
  documentNumber: string;
  title: string;
  originalSha256: string;
  sealedAt: string;
  originalPages: number;
  placement: "stamp-box" | "band";
}

export interface SealResult {
  bytes: Uint8Array;
  /** SHA-256 (hex) of `bytes`: the caller records it for verification. */
  sha256: string;
  pageCount: number;
  placement: "stamp-box" | "band";
  imprints: number;
  signed: boolean;
  metadata: KomuSealMetadata;
  /**
   * Characters of the names, title or comments that IPAex Gothic has no glyph for (「𠮷」, emoji):
   * they show as blanks in the PDF. The engine should tell the drafter (and keep the text in Kōmu).
   */
  missingGlyphs: string[];
}

/** What the engine has recorded for a sealed approval (passed to verifyPdf as a lookup). */
export interface SealRecord {
  approvalId: string;
  verificationCode: string;
  sealedSha256: string;
  title: string;
  documentNumber: string;
  schoolId: string;
  sealedAt: string;
  recordId?: string;
  /** Pages of the sealed file, and who sealed it when, for the verification answer. */
  pageCount?: number;
}

export type SealLookup = (ref: {
  schoolId: string;
  approvalId: string;
  verificationCode: string;
}) => Promise<SealRecord | null>;

export type VerifyResult =
  | {
      kind: "komu-sealed";
      approvalId: string;
      verificationCode: string;
      /** The embedded metadata (what the file claims). */
      claimed: KomuSealMetadata;
      /** What Kōmu recorded, or null when the approval is unknown here (another tenant, deleted). */
      record: SealRecord | null;
      /** The bytes' SHA-256 equals the recorded sealed SHA-256 (false when no record). */
      intact: boolean;
      sha256: string;
    }
  | { kind: "unknown"; sha256: string };
