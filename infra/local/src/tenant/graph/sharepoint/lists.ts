/**
 * Lists: /sites/{s}/lists (GET, POST), /lists/{id|title} (GET, PATCH, DELETE), columns, items,
 * and the drive ↔ list links of document libraries.
 */
import { GraphError, type TenantContext } from "../../context.js";
import { applyQuery, collectionBody, parseQuery, readOptions } from "../odata.js";
import { driveById } from "./address.js";
import { parseColumn, serializeColumn } from "./columns.js";
import {
  badRequest,
  charge,
  identityOf,
  json,
  metadataUrl,
  methodNotAllowed,
  noContent,
  notFound,
  type Req,
  readJson,
} from "./http.js";
import { newGuid } from "./ids.js";
import { adapterFor } from "./list-adapter.js";
import { handleListItems } from "./list-items.js";
import {
  builtInColumn,
  createLibrary,
  descendantsOf,
  drives,
  items,
  type ListRecord,
  lists,
  type SiteRecord,
  sites,
  siteWebUrl,
} from "./model.js";
import { assertDeletable, deleteItem } from "./mutate.js";
import { serializeDrive } from "./serialize.js";

export function serializeList(ctx: TenantContext, list: ListRecord): Record<string, unknown> {
  const site = sites(ctx).get(list.siteId);
  const siteUrl = site ? siteWebUrl(ctx, site) : ctx.config.origin;
  const drive = list.driveId ? drives(ctx).get(list.driveId) : undefined;
  const etag = `"${list.id},${list.nextItemId}"`;
  return {
    "@odata.etag": etag,
    createdDateTime: list.createdDateTime,
    description: list.description,
    eTag: etag,
    id: list.id,
    lastModifiedDateTime: list.lastModifiedDateTime,
    name: list.name,
    webUrl: drive
      ? `${siteUrl}/${encodeURIComponent(drive.urlName)}`
      : `${siteUrl}/Lists/${encodeURIComponent(list.name)}`,
    displayName: list.displayName,
    createdBy: list.createdBy,
    lastModifiedBy: list.lastModifiedBy,
    parentReference: { siteId: list.siteId },
    list: { contentTypesEnabled: false, hidden: false, template: list.template },
  };
}

export function findList(ctx: TenantContext, site: SiteRecord, ref: string): ListRecord {
  const byId = lists(ctx).get(ref) ?? lists(ctx).get(ref.toLowerCase());
  if (byId && byId.siteId === site.id) return byId;
  const lower = ref.toLowerCase();
  for (const list of lists(ctx).values()) {
    if (list.siteId === site.id && (list.displayName.toLowerCase() === lower || list.name.toLowerCase() === lower))
      return list;
  }
  throw notFound("The list could not be found.");
}

function urlName(ctx: TenantContext, site: SiteRecord, displayName: string): string {
  const base = displayName.replace(/[^A-Za-z0-9]/g, "") || `List${Date.now() % 100000}`;
  let name = base;
  for (
    let n = 1;
    [...lists(ctx).values()].some((l) => l.siteId === site.id && l.name.toLowerCase() === name.toLowerCase());
    n++
  )
    name = `${base}${n}`;
  return name;
}

async function createList(req: Req, site: SiteRecord): Promise<Response> {
  const { ctx, c } = req;
  const caller = charge(ctx, c, "write", "POST /sites/{site-id}/lists");
  const body = await readJson(c);
  const displayName = body.displayName;
  if (typeof displayName !== "string" || displayName.trim() === "") throw badRequest("displayName is required.");
  for (const l of lists(ctx).values()) {
    if (l.siteId === site.id && l.displayName.toLowerCase() === displayName.toLowerCase()) {
      throw new GraphError(
        409,
        "nameAlreadyExists",
        `A list, survey, discussion board, or document library with the specified title '${displayName}' already exists in this website.`,
      );
    }
  }
  const template =
    ((body.list as Record<string, unknown> | undefined)?.template as string | undefined) ?? "genericList";
  const by = identityOf(ctx, caller);
  const columnsBody = body.columns === undefined ? [] : body.columns;
  if (!Array.isArray(columnsBody)) throw badRequest("columns must be an array.");
  let list: ListRecord;
  if (template === "documentLibrary") {
    const drive = createLibrary(ctx, site, {
      displayName,
      urlName: urlName(ctx, site, displayName),
      description: typeof body.description === "string" ? body.description : "",
      createdBy: by,
    });
    list = lists(ctx).get(drive.listId) as ListRecord;
  } else if (template === "genericList") {
    const now = ctx.now().toISOString();
    list = {
      id: newGuid(),
      siteId: site.id,
      name: urlName(ctx, site, displayName),
      displayName,
      description: typeof body.description === "string" ? body.description : "",
      template,
      columns: [builtInColumn("Title", "Title", "text", { required: true })],
      nextItemId: 1,
      createdDateTime: now,
      lastModifiedDateTime: now,
      createdBy: by,
      lastModifiedBy: by,
    };
  } else {
    throw badRequest(`The list template '${template}' is not supported (genericList, documentLibrary).`);
  }
  for (const col of columnsBody as Record<string, unknown>[]) list.columns.push(parseColumn(col ?? {}, list));
  lists(ctx).set(list.id, list);
  ctx.store.changed();
  return json(
    c,
    { "@odata.context": metadataUrl(ctx, `sites('${site.id}')/lists/$entity`), ...serializeList(ctx, list) },
    201,
  );
}

export async function handleLists(req: Req, site: SiteRecord, rest: string[]): Promise<Response | undefined> {
  const { ctx, c } = req;
  const [listRef, sub, ...more] = rest;
  if (!listRef) {
    if (req.method === "POST") return createList(req, site);
    if (req.method !== "GET") throw methodNotAllowed();
    const query = parseQuery(readOptions(req.url));
    charge(ctx, c, "readMulti", "GET /sites/{site-id}/lists");
    const rows = [...lists(ctx).values()].filter((l) => l.siteId === site.id).map((l) => serializeList(ctx, l));
    const page = applyQuery(rows, query, {
      requestUrl: `${ctx.config.origin}${req.url.pathname}${req.url.search}`,
      defaultPageSize: 200,
    });
    return json(c, collectionBody(page, metadataUrl(ctx, `sites('${site.id}')/lists`)));
  }
  return handleList(req, site, findList(ctx, site, listRef), sub, more);
}

export async function handleList(
  req: Req,
  site: SiteRecord,
  list: ListRecord,
  sub: string | undefined,
  more: string[],
): Promise<Response | undefined> {
  const { ctx, c } = req;
  const api = "/sites/{site-id}/lists/{list-id}";
  if (!sub) {
    if (req.method === "GET") {
      const query = parseQuery(readOptions(req.url));
      charge(ctx, c, "read", `GET ${api}`);
      const out: Record<string, unknown> = {
        "@odata.context": metadataUrl(ctx, `sites('${site.id}')/lists/$entity`),
        ...serializeList(ctx, list),
      };
      for (const e of query.expand ?? []) {
        if (e.name === "columns") out.columns = list.columns.map(serializeColumn);
        else if (e.name === "items")
          out.items = adapterFor(ctx, list)
            .all()
            .map((v) => ({ id: v.id, fields: v.fields }));
        else if (e.name === "drive" && list.driveId) out.drive = serializeDrive(ctx, driveById(ctx, list.driveId));
      }
      return json(c, out);
    }
    if (req.method === "PATCH") {
      const caller = charge(ctx, c, "write", `PATCH ${api}`);
      const body = await readJson(c);
      if (typeof body.displayName === "string" && body.displayName.trim() !== "") list.displayName = body.displayName;
      if (typeof body.description === "string") list.description = body.description;
      list.lastModifiedDateTime = ctx.now().toISOString();
      list.lastModifiedBy = identityOf(ctx, caller);
      ctx.store.changed();
      return json(c, serializeList(ctx, list));
    }
    if (req.method === "DELETE") {
      charge(ctx, c, "write", `DELETE ${api}`);
      if (list.driveId) {
        const drive = driveById(ctx, list.driveId);
        const site2 = sites(ctx).get(drive.siteId);
        if (site2?.defaultDriveId === drive.id)
          throw new GraphError(403, "accessDenied", "The default document library of a site cannot be deleted.");
        const root = items(ctx).get(drive.rootId);
        if (root) {
          for (const d of descendantsOf(ctx, root.id)) assertDeletable(ctx, d);
          deleteItem(ctx, root);
        }
        drives(ctx).delete(drive.id);
      } else {
        const store = ctx.store.collection<{ listId: string }>("sp.listItems");
        for (const [key, rec] of store) if (rec.listId === list.id) store.delete(key);
      }
      lists(ctx).delete(list.id);
      ctx.store.changed();
      return noContent();
    }
    throw methodNotAllowed();
  }
  if (sub === "columns") {
    const [columnId] = more;
    if (!columnId) {
      if (req.method === "GET") {
        charge(ctx, c, "readMulti", `GET ${api}/columns`);
        return json(c, {
          "@odata.context": metadataUrl(ctx, `sites('${site.id}')/lists('${list.id}')/columns`),
          value: list.columns.map(serializeColumn),
        });
      }
      if (req.method === "POST") {
        charge(ctx, c, "write", `POST ${api}/columns`);
        const column = parseColumn(await readJson(c), list);
        list.columns.push(column);
        ctx.store.changed();
        return json(c, serializeColumn(column), 201);
      }
      throw methodNotAllowed();
    }
    const column = list.columns.find((col) => col.id === columnId || col.name === columnId);
    if (!column) throw notFound("The column could not be found.");
    if (req.method === "GET") {
      charge(ctx, c, "read", `GET ${api}/columns/{column-id}`);
      return json(c, serializeColumn(column));
    }
    if (req.method === "PATCH") {
      charge(ctx, c, "write", `PATCH ${api}/columns/{column-id}`);
      const body = await readJson(c);
      if (typeof body.indexed === "boolean") column.indexed = body.indexed;
      if (typeof body.required === "boolean") column.required = body.required;
      if (typeof body.displayName === "string") column.displayName = body.displayName;
      if (typeof body.description === "string") column.description = body.description;
      ctx.store.changed();
      return json(c, serializeColumn(column));
    }
    if (req.method === "DELETE") {
      charge(ctx, c, "write", `DELETE ${api}/columns/{column-id}`);
      if (column.builtIn) throw new GraphError(403, "accessDenied", "Built-in columns cannot be deleted.");
      list.columns = list.columns.filter((col) => col.id !== column.id);
      ctx.store.changed();
      return noContent();
    }
    throw methodNotAllowed();
  }
  if (sub === "drive") {
    if (req.method !== "GET") throw methodNotAllowed();
    charge(ctx, c, "read", `GET ${api}/drive`);
    if (!list.driveId) throw notFound("This list is not a document library.");
    return json(c, {
      "@odata.context": metadataUrl(ctx, "drives/$entity"),
      ...serializeDrive(ctx, driveById(ctx, list.driveId)),
    });
  }
  if (sub === "items") return handleListItems(req, list, more, `${api}/items`);
  throw notFound(`Unsupported segment '${sub}'.`);
}
