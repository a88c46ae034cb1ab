/**
 * Acceptance (issue 2): "the outbox delivers every queued side effect exactly once while the
 * local tenant fails 30% of calls".
 *
 * Real pieces only: Azurite (global setup), the local Microsoft 365 tenant with faultRate 0.3
 * (429/503 with Retry-After, slow answers, connections dropped before OR after the tenant acted),
 * Kōmu's Graph gateway (MSAL client credentials + Graph SDK) and the outbox worker.
 * Each effect creates one SharePoint list item. The handler is idempotent: before creating, it
 * looks for an item whose KomuEffectId is the effect id (a dropped response may hide a success).
 * Afterwards every effect id must exist exactly once and the outbox must show everything done.
 */
import { randomBytes } from "node:crypto";
import { createGraphGateway, type GraphGateway } from "@komu/functions/graph/gateway";
import { createStorage, type Storage } from "@komu/functions/storage/index";
import { ensureDevCa } from "@komu/local/devca";
import { komuGraphConfig } from "@komu/local/tenant/contract/fixture";
import { ensureSite } from "@komu/local/tenant/graph/sharepoint/model";
import { type RunningTenant, startTenant } from "@komu/local/tenant/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EffectCounters,
  ensureEffectsList,
  itemsPerEffect,
  LIST_ITEM_EFFECT,
  listItemEffectHandlers,
} from "../support/list-item-effect.js";

const EFFECTS = 60;
const FAULT_RATE = 0.3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("outbox under a 30% faulty Microsoft 365", () => {
  let tenant: RunningTenant;
  let storage: Storage;
  let graph: GraphGateway;
  let siteId: string;
  let listId: string;

  beforeAll(async () => {
    const caDir = process.env.KOMU_TEST_DEV_CA_DIR;
    const connectionString = process.env.KOMU_TEST_STORAGE_CONNECTION_STRING;
    if (!caDir || !connectionString) throw new Error("run through the root Vitest config (tests/setup/global.ts)");
    tenant = await startTenant({ port: 0, tls: await ensureDevCa(caDir), faultRate: FAULT_RATE, seed: false });
    ({ siteId } = ensureSite(tenant.ctx, { key: "aoba-e", displayName: "青葉小学校" }));
    graph = createGraphGateway(komuGraphConfig(tenant));
    listId = await ensureEffectsList(graph, siteId, `Kōmu effects ${randomBytes(3).toString("hex")}`);
    storage = await createStorage({
      connectionString,
      tablePrefix: `t${randomBytes(6).toString("hex")}`,
      // Fast backoff for the test; Retry-After from the tenant (1–2 s) still sets the floor.
      // A generous lease: a handler may wait through slow answers and the SDK's own retries.
      outbox: { baseDelayMs: 500, maxDelayMs: 4000, maxAttempts: 12, leaseSeconds: 90 },
      logger: { warn: () => undefined },
    });
  }, 60_000);

  afterAll(async () => {
    await tenant?.stop();
  });

  it("delivers every effect exactly once", async () => {
    const counters: EffectCounters = { calls: 0, failedAttempts: 0, recovered: 0 };
    const handlers = listItemEffectHandlers(graph, siteId, listId, counters);

    const ids: string[] = [];
    for (let i = 0; i < EFFECTS; i++) {
      const r = await storage.outbox.enqueue({
        kind: LIST_ITEM_EFFECT,
        schoolId: "aoba-e",
        payload: { title: `お知らせ ${i + 1}` },
        dedupeKey: `notice-${i}`,
      });
      ids.push(r.id);
    }

    const worker = storage.outbox.startWorker({ handlers, maxMessages: 16, pollIntervalMs: 200 });
    const deadline = Date.now() + 100_000;
    let stats = await storage.outbox.stats();
    while (stats.pending > 0 && Date.now() < deadline) {
      await sleep(500);
      stats = await storage.outbox.stats();
    }
    await worker.stop();

    expect(stats).toMatchObject({ pending: 0, done: EFFECTS, dead: 0, deadLetters: 0 });
    const { calls, failedAttempts, recovered } = counters;
    expect(failedAttempts).toBeGreaterThan(0); // the faults really happened
    console.info(
      `outbox-faults: ${EFFECTS} effects, ${calls} handler runs, ${failedAttempts} failed attempts, ${recovered} found already created`,
    );
    expect(calls).toBe(EFFECTS + failedAttempts);

    // Count with faults off, so the check itself cannot be disturbed.
    tenant.ctx.config.faultRate = 0;
    const { perEffect, total } = await itemsPerEffect(graph, siteId, listId);
    for (const id of ids) expect(perEffect.get(id), `items for effect ${id}`).toBe(1);
    expect(total).toBe(EFFECTS);
  }, 120_000);
});
