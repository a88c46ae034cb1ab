import { describe, expect, it } from "vitest";
import { formatInstant } from "./dates.js";

describe("formatInstant", () => {
  it("shows UTC instants in Tokyo time (the next day after 15:00 UTC)", () => {
    expect(formatInstant("2025-03-31T15:30:00Z", "ja")).toBe("2025年4月1日 00:30");
    expect(formatInstant("2025-03-31T15:30:00Z", "en")).toBe("Apr 1, 2025, 00:30");
    expect(formatInstant("2025-03-31T14:59:00Z", "ja", "date")).toBe("2025年3月31日");
  });
  it("does not throw on a value that is not a date", () => {
    expect(formatInstant("someday", "ja")).toBe("someday");
  });
});
