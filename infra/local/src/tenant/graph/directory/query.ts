/** Shared directory query handling: advanced-query rules (ConsistencyLevel) and collection rendering. */
import type { Context } from "hono";
import { GraphError } from "../../context.js";
import { applyQuery, collectionBody, contextUrl, type ODataQuery, parseQuery, readOptions } from "../odata.js";

export const DIRECTORY_PAGE_SIZE = 100;
export const DIRECTORY_MAX_TOP = 999;

export function directoryQuery(c: Context): ODataQuery {
  const query = parseQuery(readOptions(new URL(c.req.url)), { maxTop: DIRECTORY_MAX_TOP });
  const eventual = (c.req.header("consistencylevel") ?? "").toLowerCase() === "eventual";
  if (query.search && !eventual) {
    throw new GraphError(
      400,
      "Request_UnsupportedQuery",
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  if (query.count && !eventual) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      "$count is not currently supported. Specify the 'ConsistencyLevel: eventual' request header to use $count.",
    );
  }
  if (query.expand?.length)
    throw new GraphError(
      400,
      "Request_UnsupportedQuery",
      "$expand is not supported on this resource in the local tenant.",
    );
  return query;
}

/**
 * Filters/orders/pages over the full Graph view of each item, then renders the page with the
 * default or selected projection. `odataType` adds "@odata.type" (directoryObject collections).
 */
export function renderCollection<T extends { id: string }>(
  c: Context,
  items: readonly T[],
  query: ODataQuery,
  opts: {
    entitySet: string;
    properties: readonly string[];
    typeName: string;
    view: (item: T) => Record<string, unknown>;
    project: (item: T, select?: readonly string[]) => Record<string, unknown>;
    odataType?: string;
  },
): Record<string, unknown> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const page = applyQuery(
    items.map((i) => opts.view(i)),
    query,
    {
      requestUrl: c.req.url,
      defaultPageSize: DIRECTORY_PAGE_SIZE,
      properties: opts.properties,
      typeName: opts.typeName,
      select: (row) => row,
    },
  );
  page.value = page.value.map((row) => {
    const projected = opts.project(byId.get((row as { id: string }).id) as T, query.select);
    return opts.odataType ? { "@odata.type": opts.odataType, ...projected } : projected;
  });
  return collectionBody(page, contextUrl(c.req.url, opts.entitySet, query.select));
}
