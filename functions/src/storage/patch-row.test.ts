import { KomuError } from "@komu/shared";
import { describe, expect, it } from "vitest";
import type { StoredEntity } from "./entity-store.js";
import { patchRow } from "./patch-row.js";

type Row = { n: number };

/** A row whose update loses the race `stale` times (someone else wrote meanwhile). */
function racyRepo(stale: number) {
  let data: Row = { n: 1 };
  let etag = 1;
  const calls = { get: 0, update: 0 };
  const stored = () => ({ id: "r", schoolId: "aoba-e", data, etag: String(etag) }) as unknown as StoredEntity<Row>;
  const repo = {
    async get() {
      calls.get++;
      return stored();
    },
    async update(_s: string, _id: string, next: Row, ifMatch: string) {
      calls.update++;
      if (stale > 0) {
        stale--;
        data = { n: data.n + 10 };
        etag++;
      }
      if (ifMatch !== String(etag)) throw new KomuError("STALE_ETAG", { details: {} });
      data = next;
      etag++;
      return stored();
    },
  };
  return { repo: repo as unknown as Parameters<typeof patchRow<Row>>[0], calls };
}

describe("patchRow", () => {
  it("re-reads and applies the change again after a lost race, on the newest row", async () => {
    const { repo, calls } = racyRepo(2);
    const out = await patchRow(repo, "aoba-e", "r", (r) => ({ n: r.n + 1 }), 3);
    expect(out?.data).toEqual({ n: 22 });
    expect(calls).toEqual({ get: 3, update: 3 });
  });

  it("gives up with STALE_ETAG after `retries` more attempts", async () => {
    const { repo, calls } = racyRepo(5);
    await expect(patchRow(repo, "aoba-e", "r", (r) => ({ n: r.n + 1 }), 2)).rejects.toMatchObject({
      code: "STALE_ETAG",
    });
    expect(calls.update).toBe(3);
  });

  it("writes nothing when the change is null", async () => {
    const { repo, calls } = racyRepo(0);
    expect((await patchRow(repo, "aoba-e", "r", () => null, 3))?.data).toEqual({ n: 1 });
    expect(calls.update).toBe(0);
  });
});
