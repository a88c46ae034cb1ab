import { describe, expect, it } from "vitest";
import { jobDefinitions } from "./definitions.js";
import { ncrontabIntervalMs } from "./ncrontab.js";
import { isTimerJob } from "./types.js";

describe("ncrontabIntervalMs", () => {
  it("turns the regular schedules into intervals", () => {
    expect(ncrontabIntervalMs("*/10 * * * * *")).toBe(10_000);
    expect(ncrontabIntervalMs("* * * * * *")).toBe(1000);
    expect(ncrontabIntervalMs("0 * * * * *")).toBe(60_000);
    expect(ncrontabIntervalMs("0 */5 * * * *")).toBe(300_000);
    expect(ncrontabIntervalMs("0 17 * * * *")).toBe(3600_000);
    expect(ncrontabIntervalMs("0 0 */6 * * *")).toBe(6 * 3600_000);
    expect(ncrontabIntervalMs("0 30 9 * * *")).toBe(24 * 3600_000);
  });
  it("refuses what it does not understand", () => {
    expect(() => ncrontabIntervalMs("0 0 9 * * 1-5")).toThrow();
    expect(() => ncrontabIntervalMs("*/5 * * * *")).toThrow(/6 fields/);
    expect(() => ncrontabIntervalMs("0 1,31 * * * *")).toThrow();
  });
  it("understands every schedule Kōmu defines", () => {
    for (const d of jobDefinitions.filter(isTimerJob)) expect(ncrontabIntervalMs(d.schedule)).toBeGreaterThan(0);
  });
});
