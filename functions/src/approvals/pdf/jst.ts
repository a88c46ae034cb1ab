/**
 * Dates as Japanese offices write them: JST (UTC+9, no daylight saving), 和暦 (令和).
 * `sealDate` is the short form of a 日付印 (`R8.11.25`); `jstDateTime` the certificate's form.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

interface JstParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export const jstParts = (iso: string): JstParts => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date: ${iso}`);
  const d = new Date(ms + JST_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
};

/** The era of a JST calendar date: 令和 from 2019-05-01, 平成 from 1989-01-08. */
const era = (p: JstParts): { letter: string; name: string; year: number } => {
  const ymd = p.year * 10000 + p.month * 100 + p.day;
  if (ymd >= 20190501) return { letter: "R", name: "令和", year: p.year - 2018 };
  if (ymd >= 19890108) return { letter: "H", name: "平成", year: p.year - 1988 };
  return { letter: "S", name: "昭和", year: p.year - 1925 };
};

/** `R8.11.25`: the date in the middle band of the imprint. */
export const sealDate = (iso: string): string => {
  const p = jstParts(iso);
  const e = era(p);
  return `${e.letter}${e.year}.${p.month}.${p.day}`;
};

const pad = (n: number) => String(n).padStart(2, "0");

/** `令和8年11月25日 16:05`（JST）. */
export const jstDateTime = (iso: string): string => {
  const p = jstParts(iso);
  const e = era(p);
  const year = e.year === 1 ? "元" : String(e.year);
  return `${e.name}${year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
};

/** `2026-11-25 16:05 JST`. */
export const jstIsoLike = (iso: string): string => {
  const p = jstParts(iso);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} JST`;
};
