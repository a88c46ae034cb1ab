import { describe, expect, it } from "vitest";
import { fiscalYearOf, fiscalYearRange, isInFiscalYear } from "./fiscal-year.js";
import { formatJst, jstDateString, startOfJstDay, zonedParts } from "./jst.js";
import { formatFiscalYear, formatFiscalYearBoth, formatWareki, toWareki } from "./wareki.js";

describe("年度 (April–March, Tokyo calendar)", () => {
  it.each([
    ["2025-04-01T00:00:00+09:00", 2025],
    ["2025-03-31T23:59:59+09:00", 2024],
    // 15:00 UTC on 31 March is already 1 April in Tokyo
    ["2025-03-31T15:00:00Z", 2025],
    ["2025-03-31T14:59:59Z", 2024],
    ["2026-01-15T12:00:00+09:00", 2025],
    ["2025-12-31T23:00:00+09:00", 2025],
  ])("%s → %i年度", (iso, fy) => {
    expect(fiscalYearOf(new Date(iso))).toBe(fy);
  });
  it("judges on another calendar when asked", () => {
    const d = new Date("2025-03-31T20:00:00Z"); // 1 April 05:00 in Tokyo, 31 March in UTC
    expect(fiscalYearOf(d)).toBe(2025);
    expect(fiscalYearOf(d, "UTC")).toBe(2024);
  });
  it("range is [1 April 00:00 JST, next 1 April 00:00 JST)", () => {
    const { start, end } = fiscalYearRange(2025);
    expect(start.toISOString()).toBe("2025-03-31T15:00:00.000Z");
    expect(end.toISOString()).toBe("2026-03-31T15:00:00.000Z");
    expect(isInFiscalYear(start, 2025)).toBe(true);
    expect(isInFiscalYear(new Date(end.getTime() - 1), 2025)).toBe(true);
    expect(isInFiscalYear(end, 2025)).toBe(false);
  });
});

describe("和暦", () => {
  it.each([
    ["2025-04-01T00:00:00+09:00", "令和7年4月1日"],
    ["2019-05-01T00:00:00+09:00", "令和元年5月1日"],
    ["2019-04-30T23:59:59+09:00", "平成31年4月30日"],
    ["1989-01-08T00:00:00+09:00", "平成元年1月8日"],
    ["1989-01-07T12:00:00+09:00", "昭和64年1月7日"],
    ["2020-01-01T00:00:00+09:00", "令和2年1月1日"],
    // UTC evening of 30 April 2019 is already 1 May in Tokyo
    ["2019-04-30T15:00:00Z", "令和元年5月1日"],
  ])("%s → %s", (iso, text) => {
    expect(formatWareki(new Date(iso))).toBe(text);
  });
  it("month only", () => {
    expect(formatWareki(new Date("2024-11-20T00:00:00+09:00"), { day: false })).toBe("令和6年11月");
  });
  it("era fields", () => {
    const w = toWareki(new Date("2019-05-01T00:00:00+09:00"));
    expect([w.era.name, w.era.abbreviation, w.year, w.month, w.day]).toEqual(["令和", "R", 1, 5, 1]);
  });
  it("年度 names use the era covering most of the year", () => {
    expect(formatFiscalYear(2025)).toBe("令和7年度");
    expect(formatFiscalYear(2019)).toBe("令和元年度");
    expect(formatFiscalYear(2018)).toBe("平成30年度");
    expect(formatFiscalYear(1988)).toBe("昭和63年度");
    expect(formatFiscalYear(1989)).toBe("平成元年度");
    expect(formatFiscalYear(2025, "en")).toBe("FY2025");
    expect(formatFiscalYearBoth(2024)).toBe("2024年度（令和6年度）");
  });
  it("refuses dates before the Gregorian calendar", () => {
    expect(() => formatWareki(new Date("1850-01-01T00:00:00Z"))).toThrow(RangeError);
  });
});

describe("JST display", () => {
  const d = new Date("2025-03-31T15:05:00Z"); // Tue 1 April 2025 00:05 JST
  it("parts", () => {
    expect(zonedParts(d)).toEqual({ year: 2025, month: 4, day: 1, hour: 0, minute: 5, second: 0, weekday: 2 });
    expect(jstDateString(d)).toBe("2025-04-01");
    expect(startOfJstDay(d).toISOString()).toBe("2025-03-31T15:00:00.000Z");
  });
  it.each([
    ["date", "ja", "2025年4月1日"],
    ["dateWithWeekday", "ja", "2025年4月1日(火)"],
    ["dateTime", "ja", "2025年4月1日 00:05"],
    ["time", "ja", "00:05"],
    ["date", "en", "Apr 1, 2025"],
    ["dateWithWeekday", "en", "Tue, Apr 1, 2025"],
    ["dateTime", "en", "Apr 1, 2025, 00:05"],
  ] as const)("%s (%s)", (style, locale, text) => {
    expect(formatJst(d, style, locale)).toBe(text);
  });
  it("rejects invalid dates", () => {
    expect(() => formatJst(new Date("nope"))).toThrow(RangeError);
  });
});
