import { anchorFromSelection, type Note, type NoteAnchor, type NoteUpsert } from "@komu/shared";
import type { z } from "zod";

/**
 * Text as matched: NFKC, no whitespace (as the shared `normaliseForMatch`), with each matched
 * character's index in the raw text, so that a match can be mapped back to the raw text.
 */
export function normaliseWithMap(raw: string): { text: string; map: number[] } {
  let text = "";
  const map: number[] = [];
  let i = 0;
  for (const ch of raw) {
    for (const out of ch.normalize("NFKC")) {
      if (/\s/.test(out)) continue;
      text += out;
      for (let k = 0; k < out.length; k++) map.push(i);
    }
    i += ch.length;
  }
  return { text, map };
}

/** Where `quote` is in `raw`, ignoring whitespace and width differences: raw [start, end), or null. */
export function locateQuote(raw: string, quote: string, from = 0): { start: number; end: number } | null {
  const q = normaliseWithMap(quote).text;
  if (!q) return null;
  const { text, map } = normaliseWithMap(raw);
  const fromIndex = map.findIndex((m) => m >= from);
  if (fromIndex < 0) return null;
  const at = text.indexOf(q, fromIndex);
  if (at < 0) return null;
  const last = map[at + q.length - 1] as number;
  const lastChar = raw.codePointAt(last) ?? 0;
  return { start: map[at] as number, end: last + (lastChar > 0xffff ? 2 : 1) };
}

/**
 * The anchor of a selection on a page: the selected text found in the page's text (the server's
 * extraction, or the text layer's), with its context; when not found (extraction differs), the
 * quote alone (it is still matched on later versions).
 */
export function selectionAnchor(pageText: string, page: number, selected: string): NoteAnchor | null {
  const quote = selected.trim();
  if (!quote) return null;
  const at = locateQuote(pageText, quote);
  if (at) return anchorFromSelection(pageText, page, at.start, at.end);
  return { page, quote: quote.slice(0, 500), prefix: "", suffix: "" };
}

/** Where a quote falls across the text layer's text nodes (their texts in order). */
export interface SegmentRange {
  startNode: number;
  startOffset: number;
  endNode: number;
  endOffset: number;
}

export function locateInSegments(segments: readonly string[], quote: string): SegmentRange | null {
  const joined = segments.join("");
  const at = locateQuote(joined, quote);
  if (!at) return null;
  const place = (offset: number, isEnd: boolean) => {
    let acc = 0;
    for (const [n, s] of segments.entries()) {
      const within = isEnd ? offset <= acc + s.length : offset < acc + s.length;
      if (within && s.length > 0) return { node: n, offset: offset - acc };
      acc += s.length;
    }
    const lastIndex = segments.length - 1;
    return { node: lastIndex, offset: segments[lastIndex]?.length ?? 0 };
  };
  const s = place(at.start, false);
  const e = place(at.end, true);
  return { startNode: s.node, startOffset: s.offset, endNode: e.node, endOffset: e.offset };
}

/** Notes by page (in page order, then by position of creation) and the orphaned ones apart. */
export function groupNotes(notes: readonly Note[]): { pages: [number, Note[]][]; orphaned: Note[] } {
  const byPage = new Map<number, Note[]>();
  const orphaned: Note[] = [];
  for (const n of notes) {
    if (n.state === "orphaned") {
      orphaned.push(n);
      continue;
    }
    const list = byPage.get(n.anchor.page) ?? [];
    list.push(n);
    byPage.set(n.anchor.page, list);
  }
  const pages = [...byPage.entries()].sort((a, b) => a[0] - b[0]);
  for (const [, list] of pages) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { pages, orphaned };
}

/** 「第2版で p.3 → p.4 に移動」: the move of a `moved` note, else null. */
export function noteMove(note: Note): { version: number; from: number; to: number } | null {
  if (note.state !== "moved" || note.previousPage === null) return null;
  return { version: note.version, from: note.previousPage, to: note.anchor.page };
}

/** The notes as PUT …/notes sends them (the whole list: the server keeps state and versions). */
export function notesPut(notes: readonly Note[]): { notes: z.input<typeof NoteUpsert>[] } {
  return {
    notes: notes.map((n) => ({ id: n.id, kind: n.kind, anchor: n.anchor, text: n.text, color: n.color })),
  };
}

export function newNoteId(random: () => number = Math.random): string {
  return `n${Date.now().toString(36)}${Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, "0")}`;
}

/** A new note (or highlight) on this version, not yet saved. */
export function draftNote(
  kind: Note["kind"],
  anchor: NoteAnchor,
  version: number,
  now: string,
  text = "",
  id = newNoteId(),
): Note {
  return {
    id,
    kind,
    anchor,
    text,
    color: "yellow",
    version,
    state: "anchored",
    previousPage: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Search the material's pages' texts: pages that contain the words (whitespace and width ignored), with a snippet and the text matched (to highlight it). */
export function searchPages(
  pages: readonly string[],
  query: string,
  context = 20,
): { page: number; snippet: string; match: string }[] {
  const q = normaliseWithMap(query).text;
  if (!q) return [];
  const out: { page: number; snippet: string; match: string }[] = [];
  pages.forEach((raw, i) => {
    const at = locateQuote(raw, query);
    if (!at) return;
    const from = Math.max(0, at.start - context);
    const to = Math.min(raw.length, at.end + context);
    const snippet = `${from > 0 ? "…" : ""}${raw.slice(from, to).replace(/\s+/g, " ")}${to < raw.length ? "…" : ""}`;
    out.push({ page: i + 1, snippet, match: raw.slice(at.start, at.end) });
  });
  return out;
}
