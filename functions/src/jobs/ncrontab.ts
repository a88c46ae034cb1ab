/**
 * A minimal NCRONTAB (six fields: second minute hour day month day-of-week) to interval
 * conversion for the local scheduler. It understands the regular shapes our jobs use:
 *   "*\/n * * * * *" (every n s), "s *\/n * * * *" (every n min), "s * * * * *" (every minute),
 *   "s m *\/n * * *" (every n h), "s m * * * *" (hourly), "s m h * * *" (daily).
 * Anything else throws, so a new schedule is noticed rather than silently mis-timed.
 */
const num = (f: string) => /^\d+$/.test(f);
const every = (f: string) => (/^\*\/\d+$/.test(f) ? Number(f.slice(2)) : f === "*" ? 1 : null);

export function ncrontabIntervalMs(expr: string): number {
  const f = expr.trim().split(/\s+/);
  if (f.length !== 6) throw new Error(`NCRONTAB "${expr}" must have 6 fields`);
  const [s, m, h, day, month, dow] = f as [string, string, string, string, string, string];
  if (day !== "*" || month !== "*" || dow !== "*")
    throw new Error(`NCRONTAB "${expr}": only daily or shorter schedules are supported locally`);
  const es = every(s);
  if (es !== null && m === "*" && h === "*") return es * 1000;
  if (!num(s)) throw new Error(`NCRONTAB "${expr}" is not supported locally`);
  const em = every(m);
  if (em !== null && h === "*") return em * 60_000;
  if (!num(m)) throw new Error(`NCRONTAB "${expr}" is not supported locally`);
  const eh = every(h);
  if (eh !== null) return eh * 3600_000;
  if (num(h)) return 24 * 3600_000;
  throw new Error(`NCRONTAB "${expr}" is not supported locally`);
}
