/**
 * Outbox delivery benchmark: N effects, each creating one SharePoint list item through Kōmu's
 * Graph gateway (idempotent handler: look up by KomuEffectId, then create), delivered by the
 * outbox worker with its production backoff, against the local tenant healthy and at 30% faults.
 * Prints effects/s, Graph calls and SharePoint RU per effect, failed attempts, and checks that
 * every effect produced exactly one item.
 */
import type { RunningPlatform } from "@komu/local/platform";
import {
  type EffectCounters,
  ensureEffectsList,
  itemsPerEffect,
  LIST_ITEM_EFFECT,
  listItemEffectHandlers,
} from "../support/list-item-effect.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Totals {
  requests: number;
  resourceUnits: number;
  throttled: number;
}

async function tenantTotals(platform: RunningPlatform): Promise<Totals> {
  const body = (await (await fetch(`${platform.tenant.origin}/_emulator/stats`)).json()) as { totals: Totals };
  return body.totals;
}

async function runOnce(platform: RunningPlatform, label: string, effects: number, faultRate: number): Promise<void> {
  const { graph, storage } = platform.deps;
  const school = platform.tenant.ctx.store.collection<{ siteId: string }>("schools").get("aoba-e");
  if (!school) throw new Error("seeded school aoba-e missing");
  platform.tenant.ctx.config.faultRate = 0;
  const listId = await ensureEffectsList(graph, school.siteId, `bench ${label} ${Date.now()}`);
  const counters: EffectCounters = { calls: 0, failedAttempts: 0, recovered: 0 };
  const ids: string[] = [];
  for (let i = 0; i < effects; i++) {
    const r = await storage.outbox.enqueue({
      kind: LIST_ITEM_EFFECT,
      schoolId: "aoba-e",
      payload: { title: `ベンチ ${i}` },
      dedupeKey: `${label}-${Date.now()}-${i}`,
    });
    ids.push(r.id);
  }

  platform.tenant.ctx.config.faultRate = faultRate;
  graph.calls.reset();
  const before = await tenantTotals(platform);
  const started = performance.now();
  const worker = storage.outbox.startWorker({
    handlers: listItemEffectHandlers(graph, school.siteId, listId, counters),
    maxMessages: 16,
    pollIntervalMs: 100,
  });
  let stats = await storage.outbox.stats();
  const deadline = Date.now() + 240_000;
  while (stats.pending > 0 && Date.now() < deadline) {
    await sleep(250);
    stats = await storage.outbox.stats();
  }
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  platform.tenant.ctx.config.faultRate = 0;
  const after = await tenantTotals(platform);
  const graphCalls = graph.calls.total();

  const { perEffect } = await itemsPerEffect(graph, school.siteId, listId);
  const exactlyOnce = ids.every((id) => perEffect.get(id) === 1);
  const ru = after.resourceUnits - before.resourceUnits;
  console.log(`Outbox delivery, ${label}: ${effects} effects (one SharePoint list item each), fault rate ${faultRate}
  wall time       ${seconds.toFixed(1)} s → ${(effects / seconds).toFixed(1)} effects/s (production backoff: 2 s base, Retry-After honoured)
  per effect      ${(graphCalls / effects).toFixed(2)} Graph calls, ${(ru / effects).toFixed(2)} SharePoint RU (lookup 2 RU + create 2 RU when healthy)
  handler runs    ${counters.calls} (${counters.failedAttempts} failed attempts, ${counters.recovered} found already created after a lost answer)
  tenant 429s     ${after.throttled - before.throttled}; outbox ${JSON.stringify(stats)}
  exactly once    ${exactlyOnce ? "yes" : "NO"}
`);
}

export async function benchOutbox(platform: RunningPlatform): Promise<void> {
  await runOnce(platform, "healthy", Number(process.env.BENCH_EFFECTS ?? 200), 0);
  await runOnce(platform, "faulty", Number(process.env.BENCH_FAULTY_EFFECTS ?? 100), 0.3);
}
