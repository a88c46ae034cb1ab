/**
 * Calendar date-times: Graph's `{ dateTime, timeZone }` with Windows or IANA zone names.
 * Events are stored as UTC instants and rendered in the zone asked for by
 * `Prefer: outlook.timezone="…"` (UTC by default), like Outlook.
 */
import { GraphError } from "../../context.js";

const WINDOWS_TO_IANA: Record<string, string> = {
  utc: "UTC",
  "tokyo standard time": "Asia/Tokyo",
  "pacific standard time": "America/Los_Angeles",
  "eastern standard time": "America/New_York",
  "central standard time": "America/Chicago",
  "gmt standard time": "Europe/London",
  "w. europe standard time": "Europe/Berlin",
  "china standard time": "Asia/Shanghai",
  "korea standard time": "Asia/Seoul",
};

export function ianaZone(name: string): string {
  const mapped = WINDOWS_TO_IANA[name.trim().toLowerCase()] ?? name.trim();
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: mapped });
    return mapped;
  } catch {
    throw new GraphError(400, "ErrorTimeZoneNotSupported", `The time zone '${name}' is not supported.`);
  }
}

/** Wall-clock parts of an instant in a zone. */
function wallClock(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return (
    Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) + (instant % 1000)
  );
}

/** `{dateTime: "2026-04-15T12:00:00", timeZone}` → UTC instant (ms). */
export function toInstant(value: unknown, field: string): number {
  const v = value as { dateTime?: unknown; timeZone?: unknown } | undefined;
  if (!v || typeof v.dateTime !== "string")
    throw new GraphError(400, "ErrorInvalidRequest", `${field}.dateTime is required.`);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
    v.dateTime.trim(),
  );
  if (!m)
    throw new GraphError(400, "ErrorInvalidRequest", `${field}.dateTime '${v.dateTime}' is not a valid date-time.`);
  if (m[8]) return Date.parse(v.dateTime);
  const zone = ianaZone(typeof v.timeZone === "string" && v.timeZone ? v.timeZone : "UTC");
  const ms = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  const wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
    ms,
  );
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - (wallClock(guess, zone) - guess);
  return guess;
}

/** UTC instant → `{ dateTime: "YYYY-MM-DDTHH:mm:ss.0000000", timeZone }` in the given zone name. */
export function fromInstant(instant: number, zoneName: string): { dateTime: string; timeZone: string } {
  const wall = wallClock(instant, ianaZone(zoneName));
  const iso = new Date(wall).toISOString();
  return { dateTime: `${iso.slice(0, 19)}.${iso.slice(20, 23)}0000`, timeZone: zoneName };
}

/** The zone named by `Prefer: outlook.timezone="…"`, else UTC. */
export function preferredZone(prefer: string | undefined): string {
  const m = /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(prefer ?? "");
  return m?.[1] ?? "UTC";
}
