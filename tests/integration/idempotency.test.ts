/**
 * Issue 2, storage: "idempotency keys stored with their result so a retried request returns the
 * first answer" — through the real API host (guard, principal, Azure Tables). An admin replays a
 * dead-lettered effect; the retried request with the same Idempotency-Key gets the first answer
 * and the replay happens once; the same key on a different request is refused.
 */
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

let platform: RunningPlatform;
let token: string;

beforeAll(async () => {
  platform = await startTestPlatform({ jobs: false, throttle: "off" });
  token = await signIn(platform, KNOWN_USERS.boardAdmin.upn);
});
afterAll(async () => {
  await platform?.stop();
});

async function deadLetter(dedupeKey: string): Promise<string> {
  const { outbox } = platform.deps.storage;
  const { id } = await outbox.enqueue({ kind: "test.noHandler", schoolId: "aoba-e", payload: { n: 1 }, dedupeKey });
  await outbox.processOnce({ handlers: {}, maxMessages: 10 });
  const dead = await outbox.listDeadLetters("aoba-e");
  expect(dead.map((d) => d.id)).toContain(id);
  return id;
}

const replay = (id: string, key: string) =>
  fetch(`${platform.url}/api/admin/outbox/dead-letters/${id}/replay`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "idempotency-key": key },
  });

describe("Idempotency-Key on the API", () => {
  it("a retried request gets the first answer, and the work is done once", async () => {
    const id = await deadLetter("idem-1");
    const first = await replay(id, "retry-key-1");
    expect(first.status).toBe(202);
    const firstBody = await first.json();

    // Without the key, a second replay of the same (no longer dead) effect is a 404: proof the
    // replay really happened. With the key, the retry gets the stored first answer.
    const retried = await replay(id, "retry-key-1");
    expect(retried.status).toBe(202);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    expect(await retried.json()).toEqual(firstBody);
    const unkeyed = await fetch(`${platform.url}/api/admin/outbox/dead-letters/${id}/replay`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(unkeyed.status).toBe(404);
  });

  it("the same key on a different request is refused with IDEMPOTENCY_KEY_REUSED", async () => {
    const a = await deadLetter("idem-2");
    const b = await deadLetter("idem-3");
    expect((await replay(a, "retry-key-2")).status).toBe(202);
    const reused = await replay(b, "retry-key-2");
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });
});
