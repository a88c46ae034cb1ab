import { describe, expect, it } from "vitest";
import { jstDateTime, jstIsoLike, sealDate } from "./jst.js";

describe("JST and 和暦", () => {
  it("shifts to JST before taking the date (UTC evening is the next day in Japan)", () => {
    expect(sealDate("2026-11-24T15:30:00.000Z")).toBe("R8.11.25");
    expect(sealDate("2026-11-24T14:59:00.000Z")).toBe("R8.11.24");
    expect(jstIsoLike("2026-11-24T15:30:00Z")).toBe("2026-11-25 00:30 JST");
  });
  it("names the era, with 元年 for the first year", () => {
    expect(jstDateTime("2026-11-25T07:05:00Z")).toBe("令和8年11月25日 16:05");
    expect(jstDateTime("2019-05-01T00:00:00Z")).toBe("令和元年5月1日 09:00");
    expect(sealDate("2019-04-30T00:00:00Z")).toBe("H31.4.30");
  });
  it("refuses a date that is not ISO", () => {
    expect(() => sealDate("yesterday")).toThrow(RangeError);
  });
});
