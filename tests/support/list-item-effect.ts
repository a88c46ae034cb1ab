/**
 * A real side effect for outbox tests and benchmarks: create one SharePoint list item per effect
 * through Kōmu's Graph gateway. The handler is idempotent, as every effect handler must be: the
 * local tenant may drop a connection after it acted, so before creating it looks for an item whose
 * KomuEffectId is the effect id.
 */
import type { GraphGateway } from "@komu/functions/graph/gateway";
import { NonRetryableError } from "@komu/functions/outbox/errors";
import type { EffectHandlers } from "@komu/functions/outbox/types";
import { z } from "zod";

export const LIST_ITEM_EFFECT = "sharepoint.createItem";

interface ListItem {
  id: string;
  fields: { Title?: string; KomuEffectId?: string };
}

export interface EffectCounters {
  calls: number;
  failedAttempts: number;
  recovered: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Setup calls also meet the faults: retry them (they are idempotent or checked). */
export async function retrying<T>(what: string, fn: () => Promise<T>, tries = 15): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= tries) throw new Error(`${what} failed ${tries} times: ${String(e)}`);
      await sleep(300);
    }
  }
}

/** Finds or creates a generic list with an indexed KomuEffectId column; returns its id. */
export function ensureEffectsList(graph: GraphGateway, siteId: string, listName: string): Promise<string> {
  return retrying("create list", async () => {
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
}

async function itemsWith(graph: GraphGateway, siteId: string, listId: string, effectId: string) {
  const res = (await graph.app
    .api(`/sites/${siteId}/lists/${listId}/items`)
    .expand("fields(select=Title,KomuEffectId)")
    .filter(`fields/KomuEffectId eq '${effectId}'`)
    .get()) as { value: ListItem[] };
  return res.value;
}

export function listItemEffectHandlers(
  graph: GraphGateway,
  siteId: string,
  listId: string,
  counters: EffectCounters,
): EffectHandlers {
  const payloadSchema = z.object({ title: z.string() });
  return {
    [LIST_ITEM_EFFECT]: async (payload, _attempt, info) => {
      counters.calls += 1;
      const parsed = payloadSchema.safeParse(payload);
      if (!parsed.success) throw new NonRetryableError("bad payload");
      try {
        if ((await itemsWith(graph, siteId, listId, info.id)).length > 0) {
          counters.recovered += 1; // done before, the answer was lost
          return;
        }
        await graph.app
          .api(`/sites/${siteId}/lists/${listId}/items`)
          .post({ fields: { Title: parsed.data.title, KomuEffectId: info.id } });
      } catch (e) {
        counters.failedAttempts += 1;
        throw e; // the outbox judges it (429/503 + Retry-After, network drops → retry)
      }
    },
  };
}

/** How many list items exist per effect id (all pages). */
export async function itemsPerEffect(graph: GraphGateway, siteId: string, listId: string) {
  const perEffect = new Map<string, number>();
  let total = 0;
  let next: string | undefined =
    `/sites/${siteId}/lists/${listId}/items?expand=fields(select=Title,KomuEffectId)&$top=200`;
  while (next) {
    const page = (await graph.app.api(next).get()) as { value: ListItem[]; "@odata.nextLink"?: string };
    for (const item of page.value) {
      const id = item.fields.KomuEffectId ?? "(none)";
      perEffect.set(id, (perEffect.get(id) ?? 0) + 1);
      total += 1;
    }
    next = page["@odata.nextLink"];
  }
  return { perEffect, total };
}
