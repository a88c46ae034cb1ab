import { createHash } from "node:crypto";
import { KomuError } from "@komu/shared";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont, PDFImage } from "pdf-lib";
import { z } from "zod";
import { appendCertificate } from "./certificate-page.js";
import { drawImprint, type ImprintSpec } from "./draw-seal.js";
import { loadJapaneseFont } from "./fonts.js";
import { sealDate } from "./jst.js";
import { loadPdf } from "./load-pdf.js";
import { writeSealMetadata } from "./metadata.js";
import { drawInVisibleCoordinates, isolateExistingContent, pageFrame } from "./page-frame.js";
import { pageLayout } from "./page-lines.js";
import { addSignaturePlaceholder, signPlaceholder } from "./sign-pdf.js";
import { addStampBand, type BandCell } from "./stamp-band.js";
import { detachFields, stampBoxFromFields, stampBoxFromText } from "./stamp-box.js";
import { type KomuSealMetadata, SEAL_DECISIONS, type SealInput, type SealResult, type StampSlot } from "./types.js";

const Iso = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().trim().min(1).max(max);

/** The non-byte part of SealInput, checked at the module boundary. */
export const SealInputSchema = z.object({
  schoolId: Text(100),
  schoolName: Text(200).optional(),
  approvalId: Text(200),
  title: Text(500),
  documentNumber: Text(200),
  drafter: z.object({ name: Text(200), surname: Text(50).optional(), role: Text(100).optional() }),
  submittedAt: Iso.optional(),
  decisions: z
    .array(
      z.object({
        stageLabel: Text(100),
        role: Text(100),
        name: Text(200),
        surname: Text(50),
        decision: z.enum(SEAL_DECISIONS),
        decidedAt: Iso,
        comment: z.string().max(4000).optional(),
        deputyFor: Text(200).optional(),
        deputyForRole: Text(100).optional(),
      }),
    )
    .min(1)
    .max(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  verificationCode: Text(100),
  verifyUrl: z.url().optional(),
  sealedAt: Iso.optional(),
});

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

const normalise = (s: string) => s.replace(/[\s\u3000]/gu, "");

interface Imprint extends Omit<ImprintSpec, "cx" | "cy" | "size"> {
  /** The label it belongs under (role, or 起案者). */
  label: string;
}

const imprintsOf = async (doc: PDFDocument, input: SealInput): Promise<Imprint[]> => {
  const images = new Map<string, PDFImage>();
  for (const s of input.sealImages ?? []) {
    try {
      images.set(s.name, await doc.embedPng(s.png));
    } catch (cause) {
      throw new KomuError("IMAGE_INVALID", { details: { sealImageOf: s.name }, cause });
    }
  }
  const out: Imprint[] = [];
  const { drafter } = input;
  if (drafter.surname && input.submittedAt) {
    const image = images.get(drafter.name);
    out.push({
      label: "起案者",
      top: "起案",
      date: sealDate(input.submittedAt),
      surname: drafter.surname,
      ...(image ? { image } : {}),
    });
  }
  for (const d of input.decisions) {
    if (d.decision !== "approved" && d.decision !== "delegated") continue;
    const image = images.get(d.name);
    const delegated = d.decision === "delegated";
    out.push({
      label: delegated && d.deputyForRole ? d.deputyForRole : d.role,
      top: delegated ? "代決" : d.role,
      date: sealDate(d.decidedAt),
      surname: d.surname,
      ...(image ? { image } : {}),
    });
  }
  return out;
};

/** Slots for every imprint (several people under one label share its cell), or null. */
const assignSlots = (imprints: Imprint[], slots: StampSlot[]): Array<[Imprint, StampSlot]> | null => {
  const byLabel = new Map<string, Imprint[]>();
  for (const imp of imprints) {
    const key = normalise(imp.label);
    byLabel.set(key, [...(byLabel.get(key) ?? []), imp]);
  }
  const out: Array<[Imprint, StampSlot]> = [];
  for (const [label, group] of byLabel) {
    const slot = slots.find((s) => s.label !== null && normalise(s.label) === label);
    if (!slot) {
      if (label === "起案者") continue; // a form without a drafter's cell: the certificate names them
      return null;
    }
    const size = group.length === 1 ? slot.size : (slot.size * 1.6) / group.length;
    group.forEach((imp, i) => {
      const offset = (i - (group.length - 1) / 2) * size * 1.02;
      out.push([imp, { ...slot, cx: slot.cx + offset, size }]);
    });
  }
  return out;
};

/** Characters of what Kōmu writes that the font cannot draw (see SealResult.missingGlyphs). */
const missingCharacters = (font: PDFFont, input: SealInput): string[] => {
  const has = new Set(font.getCharacterSet());
  const texts = [
    input.title,
    input.documentNumber,
    input.schoolName ?? "",
    input.drafter.name,
    input.drafter.role ?? "",
    ...input.decisions.flatMap((d) => [d.stageLabel, d.role, d.name, d.surname, d.comment ?? "", d.deputyFor ?? ""]),
  ];
  const missing = new Set<string>();
  for (const text of texts)
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp > 0x20 && !/\s/u.test(ch) && !has.has(cp)) missing.add(ch);
    }
  return [...missing];
};

const sealIntoBox = (doc: PDFDocument, font: PDFFont, placed: Array<[Imprint, StampSlot]>) => {
  const page = doc.getPage(0);
  isolateExistingContent(page);
  drawInVisibleCoordinates(page, pageFrame(page), () => {
    for (const [imp, slot] of placed) drawImprint(page, font, { ...imp, cx: slot.cx, cy: slot.cy, size: slot.size });
  });
};

/**
 * 決裁: the sealed copy of an approved PDF. Imprints (印影) go into the first page's 押印欄
 * (form fields `komu.seal.<role>`, else role labels in the text; see stamp-box.ts) or, when
 * there is none or some imprint has no cell, into a stamp band added at the page's visible top;
 * then the 決裁証明 page(s); then the Kōmu metadata; then, when `signing` is given, a CMS
 * signature. The original pages' content streams are kept as they are. The same input gives the
 * same bytes (dates come from the decisions), so a retried seal step records the same hash.
 */
export const sealPdf = async (input: SealInput): Promise<SealResult> => {
  const checked = SealInputSchema.safeParse(input);
  if (!checked.success)
    throw new KomuError("VALIDATION_FAILED", { details: { issues: checked.error.issues.slice(0, 10) } });
  const actual = sha256Hex(input.original);
  if (actual !== input.sha256)
    throw new KomuError("SEAL_INPUT_MISMATCH", { details: { expected: input.sha256, actual } });

  const doc = await loadPdf(input.original);
  const originalPages = doc.getPageCount();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await loadJapaneseFont(), { subset: true });
  const sealedAt =
    input.sealedAt ??
    input.decisions
      .map((d) => d.decidedAt)
      .sort((a, b) => Date.parse(a) - Date.parse(b))
      .at(-1);
  if (!sealedAt) throw new KomuError("VALIDATION_FAILED", { details: { reason: "no decisions" } });
  const imprints = await imprintsOf(doc, input);
  const missingGlyphs = missingCharacters(font, input);

  let placement: KomuSealMetadata["placement"] = "band";
  const fields = stampBoxFromFields(doc);
  const fromFields = fields ? assignSlots(imprints, fields.box.slots) : null;
  if (fields && fromFields) {
    detachFields(doc, fields.fieldNames);
    sealIntoBox(doc, font, fromFields);
    placement = "stamp-box";
  } else {
    const { items, segments } = await pageLayout(input.original).catch(() => ({ items: [], segments: [] }));
    const roles = input.decisions.map((d) => d.role);
    const box = stampBoxFromText(pageFrame(doc.getPage(0)), items, roles, segments);
    const fromText = box ? assignSlots(imprints, box.slots) : null;
    if (fromText) {
      sealIntoBox(doc, font, fromText);
      placement = "stamp-box";
    }
  }
  if (placement === "band") {
    const page = doc.getPage(0);
    isolateExistingContent(page);
    const cells: BandCell[] = imprints.map(({ label, ...imprint }) => ({ label, imprint }));
    addStampBand(page, font, cells, [
      "電子決裁 済",
      `文書番号 ${input.documentNumber}`,
      `決裁 ${sealDate(sealedAt)}　検証コード ${input.verificationCode}`,
      `決裁証明: ${originalPages + 1} ページ目 / certificate on page ${originalPages + 1}`,
    ]);
  }
  appendCertificate(doc, font, input, { sealedAt, originalPages });
  const metadata: KomuSealMetadata = {
    format: "komu-sealed/1",
    schoolId: input.schoolId,
    approvalId: input.approvalId,
    verificationCode: input.verificationCode,
    documentNumber: input.documentNumber,
    title: input.title,
    originalSha256: input.sha256,
    sealedAt,
    originalPages,
    placement,
  };
  await writeSealMetadata(doc, metadata);
  const pageCount = doc.getPageCount();
  const signingTime = new Date(sealedAt);
  let bytes: Uint8Array;
  if (input.signing) {
    addSignaturePlaceholder(doc, { reason: `決裁 ${input.documentNumber}`, signingTime });
    bytes = await signPlaceholder(await doc.save({ useObjectStreams: false }), input.signing, signingTime);
  } else {
    bytes = await doc.save({ useObjectStreams: true });
  }
  const signed = input.signing !== undefined;
  return {
    bytes,
    sha256: sha256Hex(bytes),
    pageCount,
    placement,
    imprints: imprints.length,
    signed,
    metadata,
    missingGlyphs,
  };
};
