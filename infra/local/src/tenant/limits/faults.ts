/**
 * Fault injection: with probability `rate` a request gets a 429 or 503 with Retry-After (1–2 s),
 * a slow answer (1–3 s), or a dropped connection, half the time before the handler runs and half
 * the time after it ran (the response is lost, the side effect happened).
 */
export type Fault =
  | { kind: "429" | "503"; retryAfterSeconds: number }
  | { kind: "slow"; delayMs: number }
  | { kind: "dropBefore" }
  | { kind: "dropAfter" };

export function decideFault(rate: number, random: () => number = Math.random): Fault | undefined {
  if (!(rate > 0) || random() >= rate) return undefined;
  const pick = random();
  const retryAfterSeconds = 1 + Math.floor(random() * 2);
  if (pick < 0.25) return { kind: "429", retryAfterSeconds };
  if (pick < 0.45) return { kind: "503", retryAfterSeconds };
  if (pick < 0.7) return { kind: "slow", delayMs: 1_000 + Math.floor(random() * 2_000) };
  return random() < 0.5 ? { kind: "dropBefore" } : { kind: "dropAfter" };
}
