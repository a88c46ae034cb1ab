/**
 * The 議事録 as a PDF (pdf-lib, the IPAex font subset-embedded like the 決裁証明): title, type,
 * date in JST 和暦, place, chair, attendees, per agenda item its presenter, discussion and
 * decisions, the action items as a table (item, assignee, due date), other notes, and
 * 「n / N」 page numbers. Pure apart from reading the font file.
 */

import { type Attendee, MEETING_TYPE_LABELS, type MeetingType, type Minutes } from "@komu/shared";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { wrapText } from "../../approvals/pdf/certificate-page.js";
import { loadJapaneseFont } from "../../approvals/pdf/fonts.js";
import { jstDateTime, jstParts } from "../../approvals/pdf/jst.js";

export interface MinutesDocument {
  schoolName: string;
  title: string;
  type: MeetingType;
  startsAt: string;
  endsAt: string;
  place: string;
  chair: Attendee;
  attendees: readonly Attendee[];
  agenda: readonly { id: string; title: string; presenterName: string }[];
  minutes: Pick<Minutes, "items" | "actionItems" | "other">;
  recorderName: string;
}

const A4: [number, number] = [595.28, 841.89];
const M = 50;
const WIDTH = A4[0] - 2 * M;
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.7, 0.7, 0.7);

/** `令和8年12月1日` of an ISO date-time or date (JST). */
export function warekiDate(iso: string): string {
  const full = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00.000Z` : iso;
  const at = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(Date.parse(full) - 9 * 3600_000).toISOString() : iso;
  return jstDateTime(at).replace(/\s.*$/, "");
}

/** `令和8年12月1日 15:30〜16:30`（JST）. */
export function meetingWhen(startsAt: string, endsAt: string): string {
  const end = jstParts(endsAt);
  const pad = (n: number) => String(n).padStart(2, "0");
  const sameDay = warekiDate(startsAt) === warekiDate(endsAt);
  return `${jstDateTime(startsAt)}〜${sameDay ? `${pad(end.hour)}:${pad(end.minute)}` : jstDateTime(endsAt)}`;
}

class Writer {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  constructor(
    private readonly doc: PDFDocument,
    readonly font: PDFFont,
    private readonly running: string,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - M;
    if (this.pages.length > 1) this.text(`${this.running}（続き）`, 8.5, GREY);
  }
  ensure(height: number) {
    if (this.y - height < M + 10) this.newPage();
  }
  text(s: string, size: number, color = INK, x = M, advance = true) {
    this.ensure(size * 1.5);
    this.page.drawText(s, { x, y: this.y - size, size, font: this.font, color });
    if (advance) this.y -= size * 1.5;
  }
  wrapped(s: string, size: number, x = M, width = WIDTH, color = INK) {
    for (const line of wrapText(s, this.font, size, width)) this.text(line, size, color, x);
  }
  rule(gap = 6) {
    this.ensure(gap + 4);
    this.y -= 3;
    this.page.drawLine({ start: { x: M, y: this.y }, end: { x: A4[0] - M, y: this.y }, thickness: 0.5, color: RULE });
    this.y -= gap;
  }
  field(label: string, value: string, size = 10.5) {
    const labelWidth = 70;
    const lines = wrapText(value || "—", this.font, size, WIDTH - labelWidth);
    this.ensure(size * 1.5 * Math.min(lines.length, 3));
    this.text(label, size - 1, GREY, M, false);
    for (const line of lines) this.text(line, size, INK, M + labelWidth);
  }
  /** A table row: cells wrapped within their columns, the row as high as its tallest cell. */
  row(cells: readonly string[], widths: readonly number[], size: number, color = INK) {
    const wrapped = cells.map((c, i) => wrapText(c, this.font, size, (widths[i] ?? 60) - 8));
    const height = Math.max(...wrapped.map((l) => l.length)) * size * 1.4 + 6;
    this.ensure(height);
    let x = M;
    const top = this.y;
    wrapped.forEach((lines, i) => {
      lines.forEach((line, k) => {
        this.page.drawText(line, { x: x + 4, y: top - 4 - size - k * size * 1.4, size, font: this.font, color });
      });
      x += widths[i] ?? 60;
    });
    this.y = top - height;
    this.page.drawLine({ start: { x: M, y: this.y }, end: { x: A4[0] - M, y: this.y }, thickness: 0.4, color: RULE });
  }
}

export async function renderMinutesPdf(input: MinutesDocument): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await loadJapaneseFont(), { subset: true });
  const typeLabel = MEETING_TYPE_LABELS[input.type].ja;
  doc.setTitle(`議事録 ${input.title}`, { showInWindowTitleBar: true });
  doc.setLanguage("ja-JP");
  doc.setProducer("Kōmu");
  const w = new Writer(doc, font, `議事録 ${input.title}`);

  w.text("議事録", 20);
  w.wrapped(input.title, 14);
  w.text(`${input.schoolName}　${typeLabel}`, 10, GREY);
  w.rule();
  w.field("会議", typeLabel);
  w.field("日時", `${meetingWhen(input.startsAt, input.endsAt)}（日本時間）`);
  w.field("場所", input.place);
  w.field("議長", input.chair.name);
  w.field("記録者", input.recorderName);
  w.field("出席者", `${input.attendees.map((a) => a.name).join("、")}（${input.attendees.length} 名）`);
  w.rule();

  const items = new Map(input.minutes.items.map((i) => [i.agendaItemId, i]));
  input.agenda.forEach((agendaItem, n) => {
    const m = items.get(agendaItem.id);
    w.ensure(60);
    w.wrapped(`${n + 1}. ${agendaItem.title}`, 12);
    if (agendaItem.presenterName) w.text(`提案者：${agendaItem.presenterName}`, 9.5, GREY, M + 14);
    w.text("協議内容", 9.5, GREY, M + 14);
    w.wrapped(m?.discussion || "（記載なし）", 10, M + 28, WIDTH - 28);
    w.text("決定事項", 9.5, GREY, M + 14);
    w.wrapped(m?.decisions || "（なし）", 10, M + 28, WIDTH - 28);
    w.y -= 6;
  });

  w.rule();
  w.text("申し合わせ事項・宿題（アクションアイテム）", 12);
  const widths = [WIDTH - 200, 110, 90];
  if (input.minutes.actionItems.length === 0) w.text("（なし）", 10, INK, M + 14);
  else {
    w.row(["項目", "担当", "期限"], widths, 9.5, GREY);
    for (const a of input.minutes.actionItems) w.row([a.title, a.assigneeName, warekiDate(a.dueDate)], widths, 10);
  }
  if (input.minutes.other.trim()) {
    w.y -= 8;
    w.text("その他", 12);
    w.wrapped(input.minutes.other, 10, M + 14, WIDTH - 14);
  }

  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    const label = `${i + 1} / ${total}`;
    page.drawText(label, {
      x: A4[0] / 2 - font.widthOfTextAtSize(label, 9) / 2,
      y: M / 2,
      size: 9,
      font,
      color: GREY,
    });
  });
  return doc.save();
}
