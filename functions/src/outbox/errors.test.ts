import { KomuError } from "@komu/shared";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { backoffMs } from "./backoff.js";
import { classifyError, NonRetryableError, parseRetryAfter, RetryableError } from "./errors.js";

const graphError = (status: number, headers?: Record<string, string>) => {
  const e = new GraphError(status, "graph said no");
  if (headers) e.headers = new Headers(headers);
  return e;
};

describe("classifyError", () => {
  it("retries throttling and outages no sooner than their Retry-After", () => {
    expect(classifyError(new RetryableError("x", { retryAfterSeconds: 1 }))).toMatchObject({
      retryable: true,
      retryAfterSeconds: 1,
    });
    expect(classifyError(graphError(429, { "Retry-After": "7" }))).toMatchObject({
      retryable: true,
      retryAfterSeconds: 7,
    });
    expect(classifyError(graphError(503, { "retry-after": "2" }))).toMatchObject({
      retryable: true,
      retryAfterSeconds: 2,
    });
    expect(classifyError(graphError(504))).toMatchObject({ retryable: true, retryAfterSeconds: undefined });
    expect(classifyError(new KomuError("RATE_LIMITED", { retryAfter: 5 }))).toMatchObject({
      retryable: true,
      retryAfterSeconds: 5,
    });
    expect(classifyError({ statusCode: 429, headers: { "Retry-After": "4" } })).toMatchObject({
      retryable: true,
      retryAfterSeconds: 4,
    });
  });

  it("retries network failures and timeouts", () => {
    expect(classifyError(graphError(-1)).retryable).toBe(true);
    expect(
      classifyError(
        new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) }),
      ).retryable,
    ).toBe(true);
    expect(classifyError(Object.assign(new Error("aborted"), { name: "AbortError" })).retryable).toBe(true);
    expect(classifyError(Object.assign(new Error("t"), { name: "TimeoutError" })).retryable).toBe(true);
  });

  it("gives up on client errors, bad payloads and explicit non-retryable errors", () => {
    expect(classifyError(graphError(404)).retryable).toBe(false);
    expect(classifyError(graphError(400)).retryable).toBe(false);
    expect(classifyError(new KomuError("VALIDATION_FAILED")).retryable).toBe(false);
    expect(classifyError(new NonRetryableError("no")).retryable).toBe(false);
    expect(classifyError(new KomuError("CONFIGURATION_INVALID")).retryable).toBe(false);
    const zodFailure = z.object({ a: z.string() }).safeParse({});
    expect(zodFailure.success).toBe(false);
    if (!zodFailure.success) expect(classifyError(zodFailure.error).retryable).toBe(false);
  });

  it("describes the error for the dead-letter table", () => {
    expect(classifyError(graphError(429, { "Retry-After": "1" })).message).toContain("429");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = new Date("2026-11-25T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3);
    expect(parseRetryAfter("Wed, 25 Nov 2026 00:00:10 GMT", now)).toBe(10);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("backoffMs", () => {
  const opts = { baseMs: 1000, maxMs: 60_000 };
  it("grows exponentially with jitter between half and all of the step", () => {
    expect(backoffMs(1, opts, undefined, () => 0)).toBe(500);
    expect(backoffMs(1, opts, undefined, () => 1)).toBe(1000);
    expect(backoffMs(4, opts, undefined, () => 1)).toBe(8000);
    expect(backoffMs(4, opts, undefined, () => 0)).toBe(4000);
    expect(backoffMs(20, opts, undefined, () => 1)).toBe(60_000);
  });
  it("never goes below Retry-After", () => {
    expect(backoffMs(1, opts, 30, () => 1)).toBe(30_000);
    expect(backoffMs(10, opts, 1, () => 1)).toBe(60_000);
  });
});
