import { describe, expect, it } from "vitest";
import { reminderDueAt } from "./schedule.js";

describe("reminderDueAt", () => {
  it("is 08:00 JST of the JST date that many days before the deadline", () => {
    // Deadline 2026-12-04 17:00 JST (08:00 UTC): one day before → 2026-12-03 08:00 JST = 2026-12-02 23:00 UTC.
    expect(reminderDueAt("2026-12-04T08:00:00.000Z", 1).toISOString()).toBe("2026-12-02T23:00:00.000Z");
    expect(reminderDueAt("2026-12-04T08:00:00.000Z", 3).toISOString()).toBe("2026-11-30T23:00:00.000Z");
    // On the day itself (0): 08:00 JST of the deadline's date.
    expect(reminderDueAt("2026-12-04T08:00:00.000Z", 0).toISOString()).toBe("2026-12-03T23:00:00.000Z");
  });

  it("uses the JST date, not the UTC date (a deadline at 00:30 JST is the previous UTC day)", () => {
    // 2026-12-05 00:30 JST = 2026-12-04 15:30 UTC: one day before is 2026-12-04 08:00 JST.
    expect(reminderDueAt("2026-12-04T15:30:00.000Z", 1).toISOString()).toBe("2026-12-03T23:00:00.000Z");
  });
});
