/**
 * An attendee's private notes and highlights on a material's pages, anchored to the page's text
 * so they survive a new version of the material: after a replacement each note looks for its
 * quoted text — on its own page first, then on the nearest page that has it (prefix and suffix
 * break ties) — and is `anchored` (same page), `moved` (found on another page) or `orphaned`
 * (its text is gone: kept and flagged, never dropped). Matching ignores whitespace and width
 * differences (NFKC), because PDF text extraction spaces Japanese text unpredictably.
 */
import { z } from "zod";

export const NOTE_COLORS = ["yellow", "green", "blue", "pink"] as const;
export const NOTE_TEXT_MAX = 2000;
export const QUOTE_MAX = 500;
export const CONTEXT_MAX = 40;

export const NoteAnchor = z.object({
  /** 1-based page. */
  page: z.number().int().min(1).max(10_000),
  /** The selected text (empty: a note on the page as a whole). */
  quote: z.string().max(QUOTE_MAX).default(""),
  prefix: z.string().max(CONTEXT_MAX).default(""),
  suffix: z.string().max(CONTEXT_MAX).default(""),
});
export type NoteAnchor = z.infer<typeof NoteAnchor>;

export const NoteState = z.enum(["anchored", "moved", "orphaned"]);
export type NoteState = z.infer<typeof NoteState>;

export const Note = z.object({
  id: z.string().regex(/^[a-z0-9]{4,32}$/),
  kind: z.enum(["note", "highlight"]),
  anchor: NoteAnchor,
  text: z.string().max(NOTE_TEXT_MAX).default(""),
  color: z.enum(NOTE_COLORS).default("yellow"),
  /** The material version the anchor refers to. */
  version: z.number().int().positive(),
  state: NoteState.default("anchored"),
  /** Where it was before a new version moved or orphaned it. */
  previousPage: z.number().int().min(1).nullable().default(null),
  createdAt: z.iso.datetime({ offset: false }),
  updatedAt: z.iso.datetime({ offset: false }),
});
export type Note = z.infer<typeof Note>;
export type NoteInput = z.input<typeof Note>;

/** Text normalised for matching: NFKC, no whitespace. */
export function normaliseForMatch(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** How well the text around an occurrence matches the anchor's prefix and suffix (0..2). */
function contextScore(text: string, at: number, quoteLength: number, prefix: string, suffix: string): number {
  let score = 0;
  if (prefix) {
    const before = text.slice(Math.max(0, at - prefix.length), at);
    score += commonSuffixLength(before, prefix) / prefix.length;
  }
  if (suffix) {
    const after = text.slice(at + quoteLength, at + quoteLength + suffix.length);
    score += commonPrefixLength(after, suffix) / suffix.length;
  }
  return score;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
function commonSuffixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

export interface Reanchored {
  anchor: NoteAnchor;
  state: NoteState;
  previousPage: number | null;
}

/**
 * Where an anchor lands in a new version whose pages have these texts (index 0 = page 1).
 * Never throws and never loses the note: an unmatched anchor keeps its page (clamped to the
 * new page count) and becomes `orphaned`.
 */
export function reanchor(anchor: NoteAnchor, pages: readonly string[]): Reanchored {
  const pageCount = Math.max(1, pages.length);
  const clamped = Math.min(anchor.page, pageCount);
  const quote = normaliseForMatch(anchor.quote);
  if (!quote) {
    return anchor.page <= pages.length
      ? { anchor, state: "anchored", previousPage: null }
      : { anchor: { ...anchor, page: clamped }, state: "orphaned", previousPage: anchor.page };
  }
  const prefix = normaliseForMatch(anchor.prefix);
  const suffix = normaliseForMatch(anchor.suffix);
  let best: { page: number; score: number; distance: number } | null = null;
  pages.forEach((raw, i) => {
    const text = normaliseForMatch(raw);
    for (const at of occurrences(text, quote)) {
      const candidate = {
        page: i + 1,
        score: contextScore(text, at, quote.length, prefix, suffix),
        distance: Math.abs(i + 1 - anchor.page),
      };
      // Same page wins; then the nearest page; then the better context.
      if (
        !best ||
        candidate.distance < best.distance ||
        (candidate.distance === best.distance && candidate.score > best.score)
      )
        best = candidate;
    }
  });
  const found = best as { page: number } | null;
  if (!found) return { anchor: { ...anchor, page: clamped }, state: "orphaned", previousPage: anchor.page };
  if (found.page === anchor.page) return { anchor, state: "anchored", previousPage: null };
  return { anchor: { ...anchor, page: found.page }, state: "moved", previousPage: anchor.page };
}

/** Carries notes to a new version (pages' texts); notes already on this version are left alone. */
export function carryNotes(notes: readonly Note[], pages: readonly string[], version: number, now: string): Note[] {
  return notes.map((note) => {
    if (note.version >= version) return note;
    const r = reanchor(note.anchor, pages);
    return { ...note, anchor: r.anchor, state: r.state, previousPage: r.previousPage, version, updatedAt: now };
  });
}

/** A note's context taken from a page's text around a selection (what the viewer sends). */
export function anchorFromSelection(pageText: string, page: number, start: number, end: number): NoteAnchor {
  return {
    page,
    quote: pageText.slice(start, end).slice(0, QUOTE_MAX),
    prefix: pageText.slice(Math.max(0, start - CONTEXT_MAX), start),
    suffix: pageText.slice(end, end + CONTEXT_MAX),
  };
}
