/**
 * POST /search/query for entityTypes driveItem and listItem: case-insensitive substring match of
 * every term in item names (driveItem) or names and field values (listItem). The KQL property
 * restriction `path:"<url>"` (or path:<url>) keeps hits whose URL starts with it, as Microsoft
 * Search scopes a query to a site or library. Shapes follow Microsoft Search's documented
 * responses (hitsContainers, hits, resource).
 */
import { GraphError, type TenantContext } from "../../context.js";
import { badRequest, charge, json, metadataUrl, type Req, readJson } from "./http.js";
import { drives, items, listItems, lists } from "./model.js";
import { genericItemView, itemWebUrl, type ListItemView, libraryItemView } from "./serialize.js";

const SUPPORTED = new Set(["driveitem", "listitem"]);

interface Hit {
  hitId: string;
  uniqueId: string;
  summary: string;
  resource: Record<string, unknown>;
  sortKey: string;
}

const PATH_RESTRICTION = /(?:^|\s)path:(?:"([^"]+)"|(\S+))/gi;

/** The `path:` restrictions of a query string, and the query without them. */
export function pathScopes(queryString: string): { scopes: string[]; rest: string } {
  const scopes: string[] = [];
  const rest = queryString.replace(PATH_RESTRICTION, (_all, quoted: string | undefined, bare: string | undefined) => {
    scopes.push(normalizeUrl(quoted ?? bare ?? ""));
    return " ";
  });
  return { scopes, rest };
}

function normalizeUrl(url: string): string {
  let out = url.trim();
  try {
    out = decodeURI(out);
  } catch {
    // keep as written
  }
  return out.replace(/\/+$/, "").toLowerCase();
}

function inScope(webUrl: string, scopes: string[]): boolean {
  if (scopes.length === 0) return true;
  const url = normalizeUrl(webUrl);
  return scopes.some((s) => url === s || url.startsWith(`${s}/`));
}

function terms(queryString: string): string[] {
  return (queryString.match(/"[^"]+"|\S+/g) ?? [])
    .map((t) => t.replace(/^"|"$/g, ""))
    .filter((t) => !/^(AND|OR|NOT)$/.test(t) && t !== "*")
    .map((t) => t.toLowerCase());
}

function summarize(text: string, words: string[]): string {
  let out = text;
  for (const w of words) {
    const i = out.toLowerCase().indexOf(w);
    if (i >= 0) out = `${out.slice(0, i)}<c0>${out.slice(i, i + w.length)}</c0>${out.slice(i + w.length)}`;
  }
  return `${out} <ddd/>`;
}

function driveItemHits(ctx: TenantContext, words: string[]): Hit[] {
  const hits: Hit[] = [];
  for (const item of items(ctx).values()) {
    if (item.parentId === null) continue;
    const hay = item.name.toLowerCase();
    if (!words.every((w) => hay.includes(w))) continue;
    const drive = drives(ctx).get(item.driveId);
    if (!drive) continue;
    hits.push({
      hitId: item.id,
      uniqueId: item.uniqueId,
      summary: summarize(item.name, words),
      sortKey: item.lastModifiedDateTime,
      resource: {
        "@odata.type": "#microsoft.graph.driveItem",
        id: item.id,
        createdDateTime: item.createdDateTime,
        lastModifiedDateTime: item.lastModifiedDateTime,
        name: item.name,
        webUrl: itemWebUrl(ctx, item),
        size: item.size,
        createdBy: item.createdBy,
        lastModifiedBy: item.lastModifiedBy,
        parentReference: {
          siteId: drive.siteId,
          driveId: drive.id,
          id: item.parentId,
          sharepointIds: {
            listId: drive.listId,
            listItemId: item.listItemId,
            listItemUniqueId: item.uniqueId.toUpperCase(),
          },
        },
        fileSystemInfo: { createdDateTime: item.createdDateTime, lastModifiedDateTime: item.lastModifiedDateTime },
        ...(item.isFolder ? { folder: {} } : { file: { mimeType: item.mimeType ?? "application/octet-stream" } }),
      },
    });
  }
  return hits;
}

function listItemHits(ctx: TenantContext, words: string[], fields: string[] | undefined): Hit[] {
  const views: { view: ListItemView; contentclass: string }[] = [];
  for (const list of lists(ctx).values()) {
    if (list.driveId) {
      const drive = drives(ctx).get(list.driveId);
      if (!drive) continue;
      for (const item of items(ctx).values()) {
        if (item.driveId === drive.id && item.parentId !== null)
          views.push({ view: libraryItemView(ctx, drive, item), contentclass: "STS_ListItem_DocumentLibrary" });
      }
    } else {
      for (const rec of listItems(ctx).values()) {
        if (rec.listId === list.id)
          views.push({ view: genericItemView(ctx, list, rec), contentclass: "STS_ListItem_GenericList" });
      }
    }
  }
  const hits: Hit[] = [];
  for (const { view, contentclass } of views) {
    const text = Object.entries(view.fields)
      .filter(([k]) => !k.startsWith("@"))
      .map(([, v]) => (v === null || v === undefined ? "" : String(v)))
      .join(" \u0001 ")
      .toLowerCase();
    if (!words.every((w) => text.includes(w))) continue;
    const title = String(view.fields.Title ?? view.fields.FileLeafRef ?? "");
    const resource: Record<string, unknown> = {
      "@odata.type": "#microsoft.graph.listItem",
      id: view.uniqueId,
      createdDateTime: view.createdDateTime,
      lastModifiedDateTime: view.lastModifiedDateTime,
      webUrl: view.webUrl,
      sharepointIds: { listId: view.listId, listItemId: view.id },
      parentReference: { siteId: view.siteId },
    };
    if (fields?.length) {
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const lower = f.toLowerCase();
        if (lower === "contentclass") out[f] = contentclass;
        else {
          const key = Object.keys(view.fields).find((k) => k.toLowerCase() === lower);
          if (key !== undefined) out[f] = view.fields[key];
        }
      }
      resource.fields = out;
    }
    hits.push({
      hitId: view.uniqueId,
      uniqueId: view.uniqueId,
      summary: title ? summarize(title, words) : "",
      sortKey: view.lastModifiedDateTime,
      resource,
    });
  }
  return hits;
}

export async function handleSearch(req: Req): Promise<Response> {
  const { ctx, c } = req;
  charge(ctx, c, "readMulti", "POST /search/query");
  const body = await readJson(c);
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest("requests is required.");
  const value = (requests as Record<string, unknown>[]).map((r) => {
    const entityTypes = r?.entityTypes;
    if (!Array.isArray(entityTypes) || entityTypes.length === 0) throw badRequest("entityTypes is required.");
    for (const t of entityTypes) {
      if (typeof t !== "string" || !SUPPORTED.has(t.toLowerCase())) {
        throw new GraphError(
          400,
          "BadRequest",
          `The entity type '${String(t)}' is not supported by the local tenant's search (driveItem, listItem).`,
        );
      }
    }
    const queryString = (r.query as { queryString?: unknown } | undefined)?.queryString;
    if (typeof queryString !== "string" || queryString.trim() === "")
      throw badRequest("query.queryString is required.");
    const from = typeof r.from === "number" ? r.from : 0;
    const size = typeof r.size === "number" ? Math.min(r.size, 500) : 25;
    const fields = Array.isArray(r.fields)
      ? (r.fields as unknown[]).filter((f): f is string => typeof f === "string")
      : undefined;
    const { scopes, rest } = pathScopes(queryString);
    const words = terms(rest);
    const types = new Set(entityTypes.map((t: string) => t.toLowerCase()));
    let hits: Hit[] = [];
    if (types.has("driveitem")) hits.push(...driveItemHits(ctx, words));
    if (types.has("listitem")) {
      const seen = new Set(hits.map((h) => h.uniqueId));
      hits.push(...listItemHits(ctx, words, fields).filter((h) => !seen.has(h.uniqueId)));
    }
    hits = hits.filter((h) => inScope(String(h.resource.webUrl ?? ""), scopes));
    hits = hits.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
    const page = hits.slice(from, from + size);
    return {
      searchTerms: words,
      hitsContainers: [
        {
          total: hits.length,
          moreResultsAvailable: from + page.length < hits.length,
          ...(page.length > 0
            ? {
                hits: page.map((h, i) => ({
                  hitId: h.hitId,
                  rank: from + i + 1,
                  summary: h.summary,
                  resource: h.resource,
                })),
              }
            : {}),
        },
      ],
    };
  });
  return json(c, { "@odata.context": metadataUrl(ctx, "search"), value });
}
