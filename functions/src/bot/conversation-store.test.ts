import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMemoryConversationStore, createTableConversationStore } from "./conversation-store.js";
import type { ConversationStore } from "./types.js";

const connectionString = process.env.KOMU_TEST_STORAGE_CONNECTION_STRING;

function contract(name: string, make: () => ConversationStore) {
  describe(name, () => {
    it("stores, reads back and replaces only the version it read", async () => {
      const store = make();
      expect(await store.get("u1")).toBeUndefined();
      const saved = await store.put({
        tenantId: "t",
        aadObjectId: "u1",
        userId: "29:x",
        conversationId: "a:1",
        serviceUrl: "https://s/",
        botId: "28:b",
      });
      const read = await store.get("u1");
      expect(read).toMatchObject({
        aadObjectId: "u1",
        userId: "29:x",
        conversationId: "a:1",
        serviceUrl: "https://s/",
        botId: "28:b",
      });
      expect(read?.etag).toBe(saved.etag);
      await store.put({ ...read!, welcomeAcknowledgedAt: "2026-04-01T00:00:00.000Z" });
      await expect(store.put({ ...read!, welcomeActivityId: "1" })).rejects.toMatchObject({ code: "STALE_ETAG" });
      expect((await store.get("u1"))?.welcomeAcknowledgedAt).toBe("2026-04-01T00:00:00.000Z");
    });
  });
}

contract("memory conversation store", () => createMemoryConversationStore("t"));
if (connectionString) {
  contract("Azure Tables conversation store", () =>
    createTableConversationStore({
      connectionString,
      tablePrefix: `t${randomUUID().replace(/-/g, "").slice(0, 10)}`,
      tenantId: "t",
    }),
  );
} else {
  it.skip("Azure Tables conversation store (no KOMU_TEST_STORAGE_CONNECTION_STRING)", () => {});
}
