import { KomuError } from "@komu/shared";
import { describe, expect, it } from "vitest";
import type { EntityStore, StoredEntity } from "../../storage/entity-store.js";
import { recordSeal, sealLookup } from "./seal-registry.js";
import type { SealRecord } from "./types.js";

/** An in-memory EntityStore with ETags (enough for the registry's create / get / update). */
const memoryEntities = () => {
  const rows = new Map<string, StoredEntity<unknown>>();
  let n = 0;
  const key = (kind: string, s: string, id: string) => `${kind}|${s}|${id}`;
  const store = {
    repo: (def: { kind: string }) => ({
      kind: def.kind,
      get: async (s: string, id: string) => rows.get(key(def.kind, s, id)) ?? null,
      create: async (s: string, id: string, data: unknown) => {
        if (rows.has(key(def.kind, s, id))) throw new KomuError("CONFLICT");
        const row = { kind: def.kind, schoolId: s, id, etag: `e${++n}`, createdAt: "", updatedAt: "", data };
        rows.set(key(def.kind, s, id), row);
        return row;
      },
      update: async (s: string, id: string, data: unknown, etag: string) => {
        const row = rows.get(key(def.kind, s, id));
        if (!row || row.etag !== etag) throw new KomuError("STALE_ETAG");
        const next = { ...row, etag: `e${++n}`, data };
        rows.set(key(def.kind, s, id), next);
        return next;
      },
    }),
  };
  return { entities: store as unknown as EntityStore, writes: () => n };
};

const record: SealRecord = {
  schoolId: "aoba-e",
  approvalId: "a1",
  verificationCode: "KMU-AAAA-BBBB-CCCC",
  sealedSha256: "a".repeat(64),
  title: "運動会",
  documentNumber: "青小第1号",
  sealedAt: "2026-11-25T02:05:00.000Z",
};

describe("seal registry", () => {
  it("records once; the same record again writes nothing", async () => {
    const { entities, writes } = memoryEntities();
    await recordSeal(entities, record);
    await recordSeal(entities, { ...record });
    expect(writes()).toBe(1);
    expect(await sealLookup(entities)({ schoolId: "aoba-e", approvalId: "a1", verificationCode: "x" })).toEqual(record);
  });

  it("a new sealed file for the approval replaces the hash (the last filed copy is the one that verifies)", async () => {
    const { entities } = memoryEntities();
    await recordSeal(entities, record);
    await recordSeal(entities, { ...record, sealedSha256: "b".repeat(64), recordId: "r1" });
    const found = await sealLookup(entities)({ schoolId: "aoba-e", approvalId: "a1", verificationCode: "x" });
    expect(found).toMatchObject({ sealedSha256: "b".repeat(64), recordId: "r1" });
  });

  it("treats odd ids from a file as unknown instead of querying with them", async () => {
    const { entities } = memoryEntities();
    const lookup = sealLookup(entities);
    expect(await lookup({ schoolId: "Aoba E", approvalId: "a1", verificationCode: "x" })).toBeNull();
    expect(await lookup({ schoolId: "aoba-e", approvalId: "a1:x", verificationCode: "x" })).toBeNull();
  });
});
