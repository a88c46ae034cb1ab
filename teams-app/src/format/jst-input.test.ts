import { describe, expect, it } from "vitest";
import { jstToUtc, utcToJst } from "./jst-input.js";

describe("JST date and time ↔ UTC instant", () => {
  it("converts a JST date and time to UTC and back, across the date line", () => {
    expect(jstToUtc("2026-12-01", "15:30")).toBe("2026-12-01T06:30:00.000Z");
    expect(jstToUtc("2026-12-01", "17:00")).toBe("2026-12-01T08:00:00.000Z");
    expect(jstToUtc("2026-12-01", "08:00")).toBe("2026-11-30T23:00:00.000Z");
    expect(jstToUtc("2026-12-01", "08:30")).toBe("2026-11-30T23:30:00.000Z");
    expect(utcToJst("2026-11-30T23:00:00.000Z")).toEqual({ date: "2026-12-01", time: "08:00" });
    expect(utcToJst("2026-11-30T23:30:00.000Z")).toEqual({ date: "2026-12-01", time: "08:30" });
  });
  it("refuses dates and times that do not exist", () => {
    expect(jstToUtc("2026-02-30", "10:00")).toBeNull();
    expect(jstToUtc("2026-12-01", "24:00")).toBeNull();
    expect(jstToUtc("2026-12-01", "10:60")).toBeNull();
    expect(jstToUtc("", "10:00")).toBeNull();
    expect(utcToJst("not a date")).toEqual({ date: "", time: "" });
  });
});
