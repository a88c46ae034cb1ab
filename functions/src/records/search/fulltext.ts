/**
 * Full-text search through Microsoft Search (POST /search/query, 2 RU): driveItem and listItem
 * hits inside the school's site (KQL `path:"<site url>"`), mapped back to records by drive item
 * id, list item id or the KomuRecordId field. Graph search covers file contents where the tenant
 * indexes them; the local tenant searches names and field values.
 */
import type { RecordsDeps } from "../deps.js";
import type { LibraryLocation } from "../entities.js";

export interface FulltextHits {
  driveItemIds: Set<string>;
  listItemIds: Set<string>;
  recordIds: Set<string>;
}

interface Hit {
  resource?: {
    "@odata.type"?: string;
    id?: string;
    sharepointIds?: { listId?: string; listItemId?: string };
    parentReference?: { sharepointIds?: { listId?: string; listItemId?: string } };
    fields?: Record<string, unknown>;
  };
}

const quoteKql = (s: string) => `"${s.replace(/"/g, " ")}"`;

export async function fulltextSearch(deps: RecordsDeps, library: LibraryLocation, q: string): Promise<FulltextHits> {
  const words = q.split(/\s+/).filter(Boolean).map(quoteKql).join(" ");
  const scope = library.webUrl ? ` path:${quoteKql(library.webUrl)}` : "";
  const body = (await deps.graph.app.api("/search/query").post({
    requests: [
      {
        entityTypes: ["driveItem", "listItem"],
        query: { queryString: `${words}${scope}` },
        fields: ["KomuRecordId"],
        from: 0,
        size: 200,
      },
    ],
  })) as { value?: { hitsContainers?: { hits?: Hit[] }[] }[] };
  const hits: FulltextHits = { driveItemIds: new Set(), listItemIds: new Set(), recordIds: new Set() };
  for (const container of body.value?.[0]?.hitsContainers ?? []) {
    for (const hit of container.hits ?? []) {
      const r = hit.resource;
      if (!r) continue;
      const fieldId = Object.entries(r.fields ?? {}).find(([k]) => k.toLowerCase() === "komurecordid")?.[1];
      if (typeof fieldId === "string" && fieldId) hits.recordIds.add(fieldId);
      const ids = r.sharepointIds ?? r.parentReference?.sharepointIds;
      if (ids?.listId?.toLowerCase() === library.listId.toLowerCase() && ids.listItemId)
        hits.listItemIds.add(ids.listItemId);
      if (r["@odata.type"] === "#microsoft.graph.driveItem" && r.id) hits.driveItemIds.add(r.id);
    }
  }
  return hits;
}
