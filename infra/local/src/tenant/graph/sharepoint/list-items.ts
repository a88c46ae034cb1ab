/**
 * List items: GET/POST /lists/{l}/items (expand=fields, $filter on fields/X with SharePoint's
 * indexed-column rule), GET/PATCH/DELETE /items/{id}, GET/PATCH /items/{id}/fields (If-Match → 412),
 * /items/{id}/driveItem, and /drives/{d}/items/{i}/listItem.
 */
import { GraphError } from "../../context.js";
import { applyQuery, collectionBody, type ExpandItem, type ODataQuery, parseQuery, readOptions } from "../odata.js";
import { filterPaths } from "../odata-filter.js";
import { type ItemTarget, requireItem } from "./address.js";
import {
  badRequest,
  charge,
  identityOf,
  json,
  metadataUrl,
  methodNotAllowed,
  noContent,
  prefers,
  type Req,
  readJson,
} from "./http.js";
import { adapterFor, isIndexed, type ListItemsAdapter } from "./list-adapter.js";
import { drives, type ListRecord, lists } from "./model.js";
import { pick, serializeDriveItem, serializeListItem } from "./serialize.js";

const PREFER_NON_INDEXED = "HonorNonIndexedQueriesWarningMayFailRandomly";

function fieldsExpand(query: ODataQuery): ExpandItem | undefined {
  const unknown = query.expand?.find((e) => e.name.toLowerCase() !== "fields" && e.name.toLowerCase() !== "driveitem");
  if (unknown)
    throw badRequest(
      `Parsing OData Select and Expand failed: Could not find a property named '${unknown.name}' on type 'microsoft.graph.listItem'.`,
    );
  return query.expand?.find((e) => e.name.toLowerCase() === "fields");
}

function checkIndexed(req: Req, list: ListRecord, query: ODataQuery): void {
  if (prefers(req.c, PREFER_NON_INDEXED)) return;
  const paths = [...(query.filter ? filterPaths(query.filter) : []), ...(query.orderby ?? []).map((o) => o.path)];
  for (const path of paths) {
    if (path[0]?.toLowerCase() !== "fields" || !path[1]) continue;
    if (!isIndexed(list, path[1])) {
      throw new GraphError(
        400,
        "invalidRequest",
        `Field '${path[1]}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: ${PREFER_NON_INDEXED}' header to allow this, but be warned that such queries may fail on large lists.`,
      );
    }
  }
}

function fieldsBody(body: Record<string, unknown>): Record<string, unknown> {
  const fields = body.fields;
  if (fields === undefined) return {};
  if (typeof fields !== "object" || fields === null || Array.isArray(fields))
    throw badRequest("fields must be an object.");
  return fields as Record<string, unknown>;
}

async function itemRoutes(
  req: Req,
  adapter: ListItemsAdapter,
  id: string,
  sub: string | undefined,
  api: string,
): Promise<Response> {
  const { ctx, c } = req;
  const list = adapter.list;
  const entityContext = metadataUrl(ctx, `sites('${list.siteId}')/lists('${list.id}')/items/$entity`);
  if (!sub) {
    if (req.method === "GET") {
      const query = parseQuery(readOptions(req.url));
      charge(ctx, c, "read", `GET ${api}/{item-id}`);
      const fx = fieldsExpand(query);
      const view = adapter.get(id);
      const out = serializeListItem(ctx, view, {
        expandFields: fx ? { select: fx.query.select } : undefined,
        select: query.select,
      });
      if (query.expand?.some((e) => e.name.toLowerCase() === "driveitem") && list.driveId) {
        out.driveItem = serializeDriveItem(ctx, adapter.driveItem(id));
      }
      return json(c, { "@odata.context": entityContext, ...out });
    }
    if (req.method === "PATCH") {
      const caller = charge(ctx, c, "write", `PATCH ${api}/{item-id}`);
      const body = await readJson(c);
      const view = adapter.updateFields(id, fieldsBody(body), c.req.header("If-Match"), identityOf(ctx, caller));
      return json(c, { "@odata.context": entityContext, ...serializeListItem(ctx, view, { expandFields: {} }) });
    }
    if (req.method === "DELETE") {
      charge(ctx, c, "write", `DELETE ${api}/{item-id}`);
      adapter.remove(id, c.req.header("If-Match"));
      return noContent();
    }
    throw methodNotAllowed();
  }
  if (sub === "fields") {
    const fieldsContext = metadataUrl(ctx, `sites('${list.siteId}')/lists('${list.id}')/items('${id}')/fields/$entity`);
    if (req.method === "GET") {
      const query = parseQuery(readOptions(req.url));
      charge(ctx, c, "read", `GET ${api}/{item-id}/fields`);
      const view = adapter.get(id);
      return json(c, {
        "@odata.context": fieldsContext,
        ...(query.select ? pick(view.fields, query.select) : view.fields),
      });
    }
    if (req.method === "PATCH") {
      const caller = charge(ctx, c, "write", `PATCH ${api}/{item-id}/fields`);
      const body = await readJson(c);
      const view = adapter.updateFields(id, body, c.req.header("If-Match"), identityOf(ctx, caller));
      return json(c, { "@odata.context": fieldsContext, ...view.fields });
    }
    throw methodNotAllowed();
  }
  if (sub === "driveItem") {
    if (req.method !== "GET") throw methodNotAllowed();
    charge(ctx, c, "read", `GET ${api}/{item-id}/driveItem`);
    const item = adapter.driveItem(id);
    return json(c, {
      "@odata.context": metadataUrl(ctx, `drives('${item.driveId}')/items/$entity`),
      ...serializeDriveItem(ctx, item),
    });
  }
  throw badRequest(`Unsupported segment '${sub}'.`);
}

export async function handleListItems(req: Req, list: ListRecord, rest: string[], api: string): Promise<Response> {
  const { ctx, c } = req;
  const [id, sub] = rest;
  if (id) {
    return itemRoutes(req, adapterFor(ctx, list), id, sub, api);
  }
  if (req.method === "GET") {
    const query = parseQuery(readOptions(req.url));
    charge(ctx, c, "readMulti", `GET ${api}`);
    const fx = fieldsExpand(query);
    checkIndexed(req, list, query);
    const adapter = adapterFor(ctx, list);
    const rows = adapter.all().map((view) => serializeListItem(ctx, view, { expandFields: {} }));
    const page = applyQuery(
      rows,
      { ...query, expand: undefined, select: undefined },
      {
        requestUrl: `${ctx.config.origin}${req.url.pathname}${req.url.search}`,
        defaultPageSize: 200,
      },
    );
    page.value = (page.value as Record<string, unknown>[]).map((row) => {
      const out = query.select
        ? pick(row, [...query.select, ...(fx ? ["fields", "fields@odata.context"] : [])])
        : { ...row };
      if (!fx) {
        delete out.fields;
        delete out["fields@odata.context"];
      } else if (fx.query.select) {
        out.fields = pick(row.fields as Record<string, unknown>, fx.query.select);
      }
      return out;
    });
    return json(c, collectionBody(page, metadataUrl(ctx, `sites('${list.siteId}')/lists('${list.id}')/items`)));
  }
  if (req.method === "POST") {
    const caller = charge(ctx, c, "write", `POST ${api}`);
    const body = await readJson(c);
    const view = adapterFor(ctx, list).create(fieldsBody(body), identityOf(ctx, caller));
    return json(
      c,
      {
        "@odata.context": metadataUrl(ctx, `sites('${list.siteId}')/lists('${list.id}')/items/$entity`),
        ...serializeListItem(ctx, view, { expandFields: {} }),
      },
      201,
    );
  }
  throw methodNotAllowed();
}

/** /drives/{d}/items/{i}/listItem[/fields] */
export async function handleDriveItemListItem(
  req: Req,
  target: ItemTarget,
  rest: string[],
  api: string,
): Promise<Response> {
  const item = requireItem(target);
  if (item.parentId === null) throw badRequest("The root folder has no listItem.");
  const drive = drives(req.ctx).get(item.driveId);
  const list = drive ? lists(req.ctx).get(drive.listId) : undefined;
  if (!list || !item.listItemId) throw badRequest("The item has no listItem.");
  return itemRoutes(
    req,
    adapterFor(req.ctx, list),
    item.listItemId,
    rest[0],
    `${api}/listItem`.replace(/\/listItem$/, "/listItem"),
  );
}
