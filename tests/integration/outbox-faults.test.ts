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
import { NonRetryableError } from "@komu/functions/outbox/errors";
import type { EffectHandlers } from "@komu/functions/outbox/types";
import { createStorage, type Storage } from "@komu/functions/storage/index";
import { ensureDevCa } from "@komu/local/devca";
import { ensureSite } from "@komu/local/tenant/graph/sharepoint/model";
import { KOMU_CLIENT_ID, KOMU_CLIENT_SECRET, type RunningTenant, startTenant } from "@komu/local/tenant/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

const EFFECTS = 60;
const FAULT_RATE = 0.3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ListItem {
  id: string;
  fields: { Title?: string; KomuEffectId?: string };
}

/** Setup calls also meet the faults: retry them (they are idempotent or checked). */
async function retrying<T>(what: string, fn: () => Promise<T>, tries = 15): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= tries) throw new Error(`${what} failed ${tries} times: ${String(e)}`);
      await sleep(300);
    }
  }
}

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
    graph = createGraphGateway({
      tenantId: tenant.tenantId,
      clientId: KOMU_CLIENT_ID,
      clientSecret: KOMU_CLIENT_SECRET,
      authorityHost: tenant.origin,
      publicCloud: false,
      graphBaseUrl: `${tenant.origin}/v1.0`,
    });
    const listName = `Kōmu effects ${randomBytes(3).toString("hex")}`;
    listId = await retrying("create list", async () => {
      const found = (await graph.app.api(`/sites/${siteId}/lists`).get()) as {
        value: { id: string; displayName: string }[];
      };
      const existing = found.value.find((l) => l.displayName === listName);
      if (existing) return existing.id;
      const created = (await graph.app.api(`/sites/${siteId}/lists`).post({
        displayName: listName,
        columns: [{ name: "KomuEffectId", text: {}, indexed: true }],
        list: { template: "genericList" },
      })) as { id: string };
      return created.id;
    });
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

  const itemsWith = async (effectId: string): Promise<ListItem[]> => {
    const res = (await graph.app
      .api(`/sites/${siteId}/lists/${listId}/items`)
      .expand("fields(select=Title,KomuEffectId)")
      .filter(`fields/KomuEffectId eq '${effectId}'`)
      .get()) as { value: ListItem[] };
    return res.value;
  };

  it("delivers every effect exactly once", async () => {
    const payloadSchema = z.object({ title: z.string() });
    let calls = 0;
    let failedAttempts = 0;
    let recovered = 0;
    const handlers: EffectHandlers = {
      "sharepoint.createItem": async (payload, _attempt, info) => {
        calls += 1;
        const parsed = payloadSchema.safeParse(payload);
        if (!parsed.success) throw new NonRetryableError("bad payload");
        try {
          if ((await itemsWith(info.id)).length > 0) {
            recovered += 1; // done before, the answer was lost
            return;
          }
          await graph.app
            .api(`/sites/${siteId}/lists/${listId}/items`)
            .post({ fields: { Title: parsed.data.title, KomuEffectId: info.id } });
        } catch (e) {
          failedAttempts += 1;
          throw e; // the outbox judges it (429/503 + Retry-After, network drops → retry)
        }
      },
    };

    const ids: string[] = [];
    for (let i = 0; i < EFFECTS; i++) {
      const r = await storage.outbox.enqueue({
        kind: "sharepoint.createItem",
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
    expect(failedAttempts).toBeGreaterThan(0); // the faults really happened
    console.info(
      `outbox-faults: ${EFFECTS} effects, ${calls} handler runs, ${failedAttempts} failed attempts, ${recovered} found already created`,
    );
    expect(calls).toBe(EFFECTS + failedAttempts);

    // Count with faults off, so the check itself cannot be disturbed.
    tenant.ctx.config.faultRate = 0;
    const all: ListItem[] = [];
    let next: string | undefined =
      `/sites/${siteId}/lists/${listId}/items?expand=fields(select=Title,KomuEffectId)&$top=200`;
    while (next) {
      const page = (await graph.app.api(next).get()) as { value: ListItem[]; "@odata.nextLink"?: string };
      all.push(...page.value);
      next = page["@odata.nextLink"];
    }
    const perEffect = new Map<string, number>();
    for (const item of all) {
      const id = item.fields.KomuEffectId ?? "(none)";
      perEffect.set(id, (perEffect.get(id) ?? 0) + 1);
    }
    for (const id of ids) expect(perEffect.get(id), `items for effect ${id}`).toBe(1);
    expect(all).toHaveLength(EFFECTS);
  }, 120_000);
});
