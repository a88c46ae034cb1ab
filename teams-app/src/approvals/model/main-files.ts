/**
 * The main document of a draft: one PDF, or one or more PNG/JPEG images (the server makes one
 * PDF of them, a page each, in the order given: `mainUploadId` then `pageImageUploadIds`).
 */

export type MainKind = "pdf" | "image" | "other";

/** The API's limit: the main image and at most 49 more pages. */
export const MAX_MAIN_IMAGES = 50;

export const MAIN_ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

/** What a file is, by its type, else by its name. */
export function mainKind(file: { name: string; type?: string }): MainKind {
  const type = (file.type ?? "").toLowerCase();
  if (type === "application/pdf" || /\.pdf$/i.test(file.name)) return "pdf";
  if (type === "image/png" || type === "image/jpeg" || /\.(png|jpe?g)$/i.test(file.name)) return "image";
  return "other";
}

export type MainDropProblem = "mixed" | "onePdf" | "type" | "tooMany";

/**
 * What to do with files dropped as the main document, given the kinds already staged (failed
 * ones excluded): a PDF replaces a PDF; images are added after images; PDFs and images never mix.
 */
export function planMainDrop(
  current: readonly MainKind[],
  dropped: readonly { name: string; type?: string }[],
): { ok: true; replace: boolean } | { ok: false; problem: MainDropProblem } {
  const kinds = dropped.map(mainKind);
  if (kinds.includes("other")) return { ok: false, problem: "type" };
  const pdfs = kinds.filter((k) => k === "pdf").length;
  const images = kinds.length - pdfs;
  if (pdfs > 0 && images > 0) return { ok: false, problem: "mixed" };
  if (pdfs > 1) return { ok: false, problem: "onePdf" };
  if (pdfs === 1) return current.includes("image") ? { ok: false, problem: "mixed" } : { ok: true, replace: true };
  if (current.includes("pdf")) return { ok: false, problem: "mixed" };
  if (current.length + images > MAX_MAIN_IMAGES) return { ok: false, problem: "tooMany" };
  return { ok: true, replace: false };
}

/** `list` with the item at `from` moved by `delta` (clamped to the ends). */
export function moveItem<T>(list: readonly T[], from: number, delta: number): T[] {
  const to = Math.min(list.length - 1, Math.max(0, from + delta));
  if (from < 0 || from >= list.length || to === from) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}

/** The staged main files as the form sends them: the first is the main upload, the rest its pages. */
export function splitMain<T>(done: readonly T[]): { main: T | null; pages: T[] } {
  return { main: done[0] ?? null, pages: done.slice(1) };
}
