import { pageTextItems, TEXT_TIMEOUT_MS, type TextItem, withPdf } from "./text-items.js";

/** A straight ruled line of the page, in user space. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

/** The pdf.js operator codes this reader needs (from `OPS`). */
export interface Ops {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
}

/** pdf.js DrawOPS inside a constructPath's path data. */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/** Thinner than this, a filled rectangle is a rule (Excel and Word draw borders that way). */
const RULE_THICKNESS = 3;

/**
 * The straight lines an operator list draws: stroked segments and rectangle edges, and filled
 * rectangles thin enough to be rules (their long axis). The current transformation matrix is
 * followed through save / restore / transform. Curves are skipped.
 */
export const segmentsFromOperators = (fnArray: number[], argsArray: unknown[], ops: Ops): Segment[] => {
  const out: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  for (const [i, fn] of fnArray.entries()) {
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.transform && args?.length === 6) ctm = multiply(ctm, args as Matrix);
    else if (fn === ops.constructPath && args) {
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (data) out.push(...pathSegments(Array.from(data), ctm));
    }
  }
  return out;
};

const pathSegments = (d: number[], ctm: Matrix): Segment[] => {
  const subpaths: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  for (let k = 0; k < d.length; ) {
    const op = d[k++];
    if (op === MOVE) {
      if (current.length) subpaths.push(current);
      current = [[d[k] ?? 0, d[k + 1] ?? 0]];
      k += 2;
    } else if (op === LINE) {
      current.push([d[k] ?? 0, d[k + 1] ?? 0]);
      k += 2;
    } else if (op === CURVE) {
      // Curves are no rules: restart the subpath at the curve's end.
      if (current.length) subpaths.push(current);
      current = [[d[k + 4] ?? 0, d[k + 5] ?? 0]];
      k += 6;
    } else if (op === QUAD) {
      if (current.length) subpaths.push(current);
      current = [[d[k + 2] ?? 0, d[k + 3] ?? 0]];
      k += 4;
    } else if (op === CLOSE) {
      const first = current[0];
      if (first && current.length > 1) current.push(first);
    } else break;
  }
  if (current.length) subpaths.push(current);
  const out: Segment[] = [];
  for (const points of subpaths) {
    const user = points.map(([x, y]) => apply(ctm, x, y));
    const xs = user.map((p) => p[0]);
    const ys = user.map((p) => p[1]);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...ys) - Math.min(...ys);
    // A thin box (filled or stroked) is one rule along its long axis.
    if (user.length >= 4 && Math.min(w, h) < RULE_THICKNESS && Math.max(w, h) >= RULE_THICKNESS) {
      const midX = (Math.max(...xs) + Math.min(...xs)) / 2;
      const midY = (Math.max(...ys) + Math.min(...ys)) / 2;
      out.push(
        w >= h
          ? { x1: Math.min(...xs), y1: midY, x2: Math.max(...xs), y2: midY }
          : { x1: midX, y1: Math.min(...ys), x2: midX, y2: Math.max(...ys) },
      );
      continue;
    }
    for (let j = 1; j < user.length; j++) {
      const a = user[j - 1];
      const b = user[j];
      if (a && b && (a[0] !== b[0] || a[1] !== b[1])) out.push({ x1: a[0], y1: a[1], x2: b[0], y2: b[1] });
    }
  }
  return out;
};

/** Text and ruled lines of one page (1-based), within the text time limit. */
export const pageLayout = (
  bytes: Uint8Array,
  pageNumber = 1,
  timeoutMs = TEXT_TIMEOUT_MS,
): Promise<{ items: TextItem[]; segments: Segment[] }> =>
  withPdf(bytes, timeoutMs, async (doc, lib) => {
    const page = await doc.getPage(pageNumber);
    const items = await pageTextItems(page);
    const list = await page.getOperatorList();
    const segments = segmentsFromOperators(list.fnArray, list.argsArray, lib.OPS);
    page.cleanup();
    return { items, segments };
  });
