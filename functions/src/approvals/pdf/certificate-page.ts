import { type PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { jstDateTime } from "./jst.js";
import type { SealDecision, SealDecisionKind, SealInput } from "./types.js";

const A4: [number, number] = [595.28, 841.89];
const M = 50;
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.7, 0.7, 0.7);

export const DECISION_LABELS: Record<SealDecisionKind, { ja: string; en: string }> = {
  approved: { ja: "承認", en: "approved" },
  delegated: { ja: "代決", en: "decided as deputy" },
  acknowledged: { ja: "確認（回覧）", en: "seen (circulation)" },
  returned: { ja: "差し戻し", en: "returned" },
  rejected: { ja: "却下", en: "rejected" },
  withdrawn: { ja: "引戻し", en: "withdrawn by the drafter" },
};

/** Breaks text into lines of at most `width` (Japanese anywhere, Latin words kept whole). */
export const wrapText = (text: string, font: PDFFont, size: number, width: number): string[] => {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/u)) {
    const tokens = paragraph.match(/[A-Za-z0-9'’\-.,:;!?()/@_]+\s*|\s+|./gu) ?? [""];
    let line = "";
    for (const raw of tokens) {
      if (font.widthOfTextAtSize(line + raw, size) <= width) {
        line += raw;
        continue;
      }
      if (line) out.push(line.trimEnd());
      line = "";
      const token = raw.trimStart();
      if (font.widthOfTextAtSize(token, size) <= width) {
        line = token;
        continue;
      }
      // A single token wider than the line: split it by characters.
      for (const ch of token) {
        if (line && font.widthOfTextAtSize(line + ch, size) > width) {
          out.push(line);
          line = "";
        }
        line += ch;
      }
    }
    out.push(line.trimEnd());
  }
  return out;
};

class Writer {
  page!: PDFPage;
  y = 0;
  pages = 0;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.pages += 1;
    this.y = A4[1] - M;
    if (this.pages > 1) this.text("決裁証明（続き） / Certificate of approval (continued)", 9, GREY);
  }
  ensure(height: number) {
    if (this.y - height < M) this.newPage();
  }
  text(s: string, size: number, color = INK, x = M, advance = true) {
    this.ensure(size * 1.5);
    this.page.drawText(s, { x, y: this.y - size, size, font: this.font, color });
    if (advance) this.y -= size * 1.5;
  }
  wrapped(s: string, size: number, x: number, width: number, color = INK) {
    for (const line of wrapText(s, this.font, size, width)) this.text(line, size, color, x);
  }
  rule() {
    this.ensure(8);
    this.y -= 3;
    this.page.drawLine({ start: { x: M, y: this.y }, end: { x: A4[0] - M, y: this.y }, thickness: 0.5, color: RULE });
    this.y -= 6;
  }
  field(label: string, value: string, size = 10) {
    const labelWidth = 120;
    const lines = wrapText(value, this.font, size, A4[0] - 2 * M - labelWidth);
    this.ensure(size * 1.5 * lines.length);
    this.text(label, size - 1, GREY, M, false);
    for (const line of lines) this.text(line, size, INK, M + labelWidth);
  }
}

const decisionText = (d: SealDecision): string => {
  const label = DECISION_LABELS[d.decision];
  const deputy = d.decision === "delegated" && d.deputyFor ? `（${d.deputyFor} の代決・後閲）` : "";
  return `${label.ja}${deputy} / ${label.en}`;
};

/**
 * Appends the 決裁証明 (certificate of approval): what the document is, the route with every
 * decision (time in JST, comment), the original's SHA-256, the verification code and how to
 * verify. Continues on further pages when the route is long. Returns the number of pages added.
 */
export const appendCertificate = (
  doc: PDFDocument,
  font: PDFFont,
  input: SealInput,
  info: { sealedAt: string; originalPages: number },
): number => {
  const w = new Writer(doc, font);
  const width = A4[0] - 2 * M;
  w.text("決裁証明書", 20);
  w.text("Certificate of approval — Kōmu 電子決裁", 9, GREY);
  w.rule();
  w.field("学校 / School", input.schoolName ?? input.schoolId);
  w.field("件名 / Title", input.title, 11);
  w.field("文書番号 / Number", input.documentNumber);
  w.field(
    "起案者 / Drafter",
    input.drafter.role ? `${input.drafter.name}（${input.drafter.role}）` : input.drafter.name,
  );
  if (input.submittedAt) w.field("起案日時 / Drafted", `${jstDateTime(input.submittedAt)}（日本時間 JST）`);
  w.field("決裁日時 / Decided", `${jstDateTime(info.sealedAt)}（日本時間 JST）`);
  w.field("原本 / Original", `${info.originalPages} ページ / pages`);
  w.field("決裁 ID / Approval", input.approvalId, 9);
  w.rule();
  w.text("決裁経路 / Route", 12);
  input.decisions.forEach((d, i) => {
    w.ensure(40);
    const stage = d.stageLabel === d.role ? d.stageLabel : `${d.stageLabel}（${d.role}）`;
    w.text(`${i + 1}. ${stage}　${d.name}`, 10);
    w.text(`${decisionText(d)}　${jstDateTime(d.decidedAt)}（JST）`, 9, INK, M + 14);
    if (d.comment?.trim()) w.wrapped(`コメント / Comment: ${d.comment.trim()}`, 9, M + 14, width - 14, GREY);
  });
  w.rule();
  w.text("原本の SHA-256 / SHA-256 of the original PDF", 9, GREY);
  w.text(input.sha256, 8.5);
  w.text("検証コード / Verification code", 9, GREY);
  w.text(input.verificationCode, 14);
  w.rule();
  w.text("検証のしかた / How to verify", 10);
  const how = [
    "この PDF を Kōmu の「決裁文書の検証」（Teams の Kōmu タブ）にアップロードすると、どの決裁文書か、決裁後に改変されていないかが表示されます。印影と本ページは原本を変えずに追加したものです。1 バイトでも変更されたファイルは「改変あり」と表示されます。",
    "Upload this PDF to Kōmu's verification page (the Kōmu tab in Teams) to see which approval it is and whether it was changed after sealing. The imprints and this page were added without changing the original; a file changed by even one byte is reported as altered.",
  ];
  for (const p of how) w.wrapped(p, 8.5, M, width);
  if (input.verifyUrl) w.wrapped(input.verifyUrl, 8.5, M, width, GREY);
  return w.pages;
};
