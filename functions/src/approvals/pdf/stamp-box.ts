import { PDFArray, type PDFDocument, PDFName } from "pdf-lib";
import { type PageFrame, pageFrame, userToVisible } from "./page-frame.js";
import type { Segment } from "./page-lines.js";
import type { TextItem } from "./text-items.js";
import type { StampBox, StampSlot } from "./types.js";

/**
 * Finding the 押印欄 (stamp box) on the first page, two ways:
 *
 * 1. Form fields (the reliable way, for templates made for Kōmu): a field named
 *    `komu.seal.<role>` or `押印.<role>` (e.g. `komu.seal.校長`) marks the cell where that role's
 *    imprint goes; its widget rectangle gives the place and size. The fields are removed from the
 *    sealed copy so their (empty) appearance cannot cover the imprint.
 * 2. Text (paper-era 起案用紙 turned into PDF): role labels such as 「校長」「教頭」「教務主任」
 *    written as whole text items (spaces ignored, 「校　長」 counts) on page 1. They count as a
 *    stamp box when the page also says 「押印欄」「決裁欄」「決裁」「押印」, or when at least two of
 *    them stand on one line. Each imprint goes centred under its label, the cell under a label
 *    being where the seal goes on paper; the size follows the spacing of the labels.
 *
 * Labels are matched to decisions by role; the seal step falls back to a stamp band when some
 * imprint has no slot.
 */
export const DEFAULT_ROLE_LABELS = [
  "校長",
  "副校長",
  "教頭",
  "主幹教諭",
  "教務主任",
  "指導教諭",
  "学年主任",
  "生徒指導主事",
  "事務長",
  "事務主任",
  "起案者",
] as const;

const MARKERS = ["押印欄", "決裁欄", "決裁", "押印", "回議欄"];
const FIELD_NAME = /^(?:komu\.seal|押印)[._:](.+)$/u;

const normalise = (s: string) => s.replace(/[\s\u3000]/gu, "");

export const fieldRole = (fieldName: string): string | null => {
  const m = FIELD_NAME.exec(fieldName.trim());
  return m?.[1] ? normalise(m[1]) : null;
};

/** Slots from `komu.seal.*` form fields on page 1 (with the names of the fields, to remove). */
export const stampBoxFromFields = (doc: PDFDocument): { box: StampBox; fieldNames: string[] } | null => {
  const first = doc.getPage(0);
  const frame = pageFrame(first);
  // getForm() would create an AcroForm in a document that has none: look first.
  if (!doc.catalog.get(PDFName.of("AcroForm"))) return null;
  let fields: ReturnType<ReturnType<PDFDocument["getForm"]>["getFields"]>;
  try {
    fields = doc.getForm().getFields();
  } catch {
    return null;
  }
  const slots: StampSlot[] = [];
  const fieldNames: string[] = [];
  for (const field of fields) {
    const role = fieldRole(field.getName());
    if (!role) continue;
    const widget = field.acroField.getWidgets()[0];
    if (!widget) continue;
    const pageRef = widget.P();
    if (pageRef && pageRef !== first.ref) continue;
    const rect = widget.getRectangle();
    const a = userToVisible(frame, rect.x, rect.y);
    const b = userToVisible(frame, rect.x + rect.width, rect.y + rect.height);
    const w = Math.abs(a.u - b.u);
    const h = Math.abs(a.v - b.v);
    slots.push({ label: role, cx: (a.u + b.u) / 2, cy: (a.v + b.v) / 2, size: Math.min(w, h) * 0.92 });
    fieldNames.push(field.getName());
  }
  return slots.length ? { box: { source: "form-field", slots }, fieldNames } : null;
};

interface Placed {
  label: string;
  u: number;
  v: number;
  w: number;
  h: number;
}

const placeItem = (frame: PageFrame, item: TextItem): { u: number; v: number; w: number; h: number } => {
  const start = userToVisible(frame, item.x, item.y);
  const end = userToVisible(frame, item.x + item.dx * item.width, item.y + item.dy * item.width);
  return { u: Math.min(start.u, end.u), v: Math.min(start.v, end.v), w: Math.abs(end.u - start.u), h: item.height };
};

/** Slots from role labels in the first page's text (see the module comment). */
export const stampBoxFromText = (
  frame: PageFrame,
  items: TextItem[],
  roles: readonly string[] = DEFAULT_ROLE_LABELS,
  segments: Segment[] = [],
): StampBox | null => {
  const wanted = new Set([...DEFAULT_ROLE_LABELS, ...roles].map(normalise));
  const placed = items
    .map((item) => ({ text: normalise(item.str), ...placeItem(frame, item) }))
    // Horizontal text only (upright in the visible page).
    .filter((p) => p.text && p.w >= p.h * 0.5);
  const marked = placed.some((p) => MARKERS.includes(p.text));
  const labels: Placed[] = [];
  for (const candidate of [...placed, ...spacedOutRuns(placed)]) {
    if (!wanted.has(candidate.text) || labels.some((l) => l.label === candidate.text)) continue;
    labels.push({ label: candidate.text, u: candidate.u, v: candidate.v, w: candidate.w, h: candidate.h });
  }
  if (!labels.length) return null;
  const sameLine = (a: Placed, b: Placed) => Math.abs(a.v - b.v) < Math.max(a.h, b.h) * 0.6;
  const rowMates = (l: Placed) => labels.filter((o) => o !== l && sameLine(o, l));
  if (!marked && !labels.some((l) => rowMates(l).length > 0)) return null;
  const rules = visibleRules(frame, segments);
  const slots: StampSlot[] = labels.map((l) => {
    const cell = cellUnder(l, rules);
    if (cell) return { label: l.label, ...cell };
    const centre = l.u + l.w / 2;
    const gaps = rowMates(l).map((o) => Math.abs(o.u + o.w / 2 - centre));
    const spacing = gaps.length ? Math.min(...gaps) : 48;
    const size = Math.max(22, Math.min(46, spacing * 0.86));
    return { label: l.label, cx: centre, cy: l.v - l.h * 0.35 - 4 - size / 2, size };
  });
  const inside = slots.filter((s) => s.cy - s.size / 2 >= 0);
  return inside.length ? { source: "text", slots: inside } : null;
};

type PlacedText = { text: string; u: number; v: number; w: number; h: number };

/**
 * Labels written with 均等割り付け (distributed alignment, usual in Excel forms) come out of pdf.js
 * as one item per character: 「校」 … 「長」. Runs of up to 4 short items on one baseline, each
 * within 3.5 character heights of the previous, are joined into candidates (「校長」).
 */
const spacedOutRuns = (placed: PlacedText[]): PlacedText[] => {
  const short = placed.filter((p) => p.text.length <= 2).sort((a, b) => b.v - a.v || a.u - b.u);
  const runs: PlacedText[] = [];
  for (const [i, first] of short.entries()) {
    let run = first;
    let last = first;
    for (const next of short.slice(i + 1)) {
      if (Math.abs(next.v - first.v) > first.h * 0.3) continue;
      const gap = next.u - (last.u + last.w);
      if (gap < -first.h * 0.2) continue;
      if (gap > first.h * 3.5) break;
      run = {
        text: run.text + next.text,
        u: run.u,
        v: Math.min(run.v, next.v),
        w: next.u + next.w - run.u,
        h: Math.max(run.h, next.h),
      };
      last = next;
      runs.push(run);
      if (run.text.length >= 6) break;
    }
  }
  return runs;
};

/**
 * Takes the named fields off the form and their widgets off page 1, so nothing covers the
 * imprints. The objects stay in the file unreferenced (pdf-lib's removeField deletes them and
 * then writes cross-reference entries some readers reject).
 */
export const detachFields = (doc: PDFDocument, names: string[]): void => {
  const form = doc.getForm();
  const page = doc.getPage(0);
  for (const name of names) {
    const field = form.getField(name);
    const widgets = new Set(field.acroField.getWidgets().map((w) => w.dict));
    const annots = page.node.Annots();
    if (annots instanceof PDFArray) {
      for (let i = annots.size() - 1; i >= 0; i--) {
        if (widgets.has(annots.lookup(i) as never)) annots.remove(i);
      }
    }
    form.acroForm.removeField(field.acroField);
  }
};

interface Rules {
  /** Horizontal rules: height v, from u1 to u2 (u1 < u2). */
  h: Array<{ v: number; u1: number; u2: number }>;
  /** Vertical rules: position u, from v1 to v2 (v1 < v2). */
  v: Array<{ u: number; v1: number; v2: number }>;
}

const visibleRules = (frame: PageFrame, segments: Segment[]): Rules => {
  const rules: Rules = { h: [], v: [] };
  for (const s of segments) {
    const a = userToVisible(frame, s.x1, s.y1);
    const b = userToVisible(frame, s.x2, s.y2);
    if (Math.abs(a.v - b.v) < 0.5 && Math.abs(a.u - b.u) >= 10)
      rules.h.push({ v: (a.v + b.v) / 2, u1: Math.min(a.u, b.u), u2: Math.max(a.u, b.u) });
    else if (Math.abs(a.u - b.u) < 0.5 && Math.abs(a.v - b.v) >= 10)
      rules.v.push({ u: (a.u + b.u) / 2, v1: Math.min(a.v, b.v), v2: Math.max(a.v, b.v) });
  }
  return rules;
};

/**
 * The ruled cell right under a label, when the page draws one: the first horizontal rule below
 * the label's baseline (within three text heights) is the cell's top, the next one at least 18 pt
 * lower its bottom, and the nearest vertical rules spanning most of that height on either side of
 * the label's centre its sides. The imprint is centred in it and sized to 86% of its smaller side.
 */
const cellUnder = (l: Placed, rules: Rules): Omit<StampSlot, "label"> | null => {
  const centre = l.u + l.w / 2;
  const below = rules.h
    .filter((r) => r.u1 - 1 <= centre && centre <= r.u2 + 1 && r.v < l.v)
    .map((r) => r.v)
    .sort((a, b) => b - a);
  const top = below[0];
  if (top === undefined || l.v - top > Math.max(3 * l.h, 20)) return null;
  const bottom = below.find((v) => top - v >= 18);
  if (bottom === undefined || top - bottom > 160) return null;
  const spans = rules.v.filter((r) => Math.min(r.v2, top) - Math.max(r.v1, bottom) >= 0.6 * (top - bottom));
  const left = Math.max(...spans.filter((r) => r.u < centre - 2).map((r) => r.u));
  const right = Math.min(...spans.filter((r) => r.u > centre + 2).map((r) => r.u));
  if (!Number.isFinite(left) || !Number.isFinite(right) || right - left < 18 || right - left > 200) return null;
  return {
    cx: (left + right) / 2,
    cy: (top + bottom) / 2,
    size: Math.min(64, Math.min(right - left, top - bottom) * 0.86),
  };
};
