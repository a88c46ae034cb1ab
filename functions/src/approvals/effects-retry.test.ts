import { KomuError } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { classifyError, RetryableError } from "../outbox/errors.js";
import type { EffectInfo } from "../outbox/types.js";
import { retryOnRace } from "./effects-retry.js";

const info = { id: "e", kind: "approvals.finalize", schoolId: "aoba-e", dedupeKey: "k", attempt: 1 } as EffectInfo;

describe("retryOnRace", () => {
  it("turns a lost ETag race into a retry; other refusals stay final", async () => {
    const stale = retryOnRace(async () => {
      throw new KomuError("STALE_ETAG");
    });
    const error = await stale({}, 1, info).catch((e) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect(classifyError(error).retryable).toBe(true);
    const refused = retryOnRace(async () => {
      throw new KomuError("PDF_ENCRYPTED");
    });
    expect(classifyError(await refused({}, 1, info).catch((e) => e)).retryable).toBe(false);
    await expect(retryOnRace(async () => undefined)({}, 1, info)).resolves.toBeUndefined();
  });
});
