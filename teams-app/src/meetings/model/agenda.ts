import { addMinutes, minutesBetween } from "./times.js";

/** An agenda item as the editor holds it (minutes as typed text). */
export interface AgendaRow {
  id: string;
  title: string;
  presenterOid: string | null;
  presenterName: string;
  minutes: string;
  materialIds: string[];
  note: string;
}

/** Parse a typed minutes value ("15", "１５"): a positive integer, else null. */
export function parseMinutes(text: string): number | null {
  const ascii = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,3}$/.test(ascii)) return null;
  const n = Number(ascii);
  return n >= 1 && n <= 480 ? n : null;
}

export interface AgendaTotals {
  /** Sum of the items' valid minutes. */
  total: number;
  /** The meeting's length from the start and end times (null: times not valid). */
  length: number | null;
  /** Minutes over the meeting's length (0 when within). */
  overrun: number;
}

export function agendaTotals(rows: readonly Pick<AgendaRow, "minutes">[], start: string, end: string): AgendaTotals {
  const total = rows.reduce((s, r) => s + (parseMinutes(r.minutes) ?? 0), 0);
  const between = minutesBetween(start, end);
  const length = between !== null && between > 0 ? between : null;
  return { total, length, overrun: length !== null && total > length ? total - length : 0 };
}

/** Each item's planned start and end ("HH:MM") from the meeting's start, in order. */
export function agendaSchedule(
  rows: readonly Pick<AgendaRow, "minutes">[],
  start: string,
): { from: string; to: string }[] {
  let at = 0;
  return rows.map((r) => {
    const from = addMinutes(start, at);
    at += parseMinutes(r.minutes) ?? 0;
    return { from, to: addMinutes(start, at) };
  });
}

/** Move the item at `index` by `delta` (上へ −1, 下へ +1); out of range: unchanged. */
export function moveRow<T>(rows: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const next = [...rows];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** A fresh agenda item id not used by `taken` (lowercase letters and digits, ≤ 16). */
export function newItemId(taken: readonly string[], random: () => number = Math.random): string {
  for (;;) {
    const id = `a${Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, "0")}`;
    if (!taken.includes(id)) return id;
  }
}

export function emptyRow(taken: readonly string[]): AgendaRow {
  return {
    id: newItemId(taken),
    title: "",
    presenterOid: null,
    presenterName: "",
    minutes: "10",
    materialIds: [],
    note: "",
  };
}
