/** Drive item metadata: GET / PATCH (rename, move) / DELETE, children (list, create folder). */
import { GraphError } from "../../context.js";
import { applyQuery, collectionBody, type ExpandItem, parseQuery, readOptions } from "../odata.js";
import { type ItemTarget, itemInDrive, requireItem } from "./address.js";
import { checkIfMatch } from "./etag.js";
import {
  badRequest,
  charge,
  conflictBehavior,
  identityOf,
  json,
  metadataUrl,
  methodNotAllowed,
  noContent,
  type Req,
  readJson,
  validateName,
} from "./http.js";
import { ancestorsOf, childrenOf, type DriveItemRecord, drives, findChild, items } from "./model.js";
import { assertDeletable, createFolder, deleteItem, requireFolder, resolveConflict, touch } from "./mutate.js";
import { serializePermission, visiblePermissions } from "./permissions-model.js";
import { commitSession, isComplete, sessionFromUploadUrl } from "./public.js";
import { libraryItemView, serializeDriveItem, serializeListItem } from "./serialize.js";

const CHILDREN_PAGE_SIZE = 200;

/** Applies $expand=listItem / permissions / children to a serialized drive item. */
export function expandDriveItem(
  req: Req,
  record: DriveItemRecord,
  out: Record<string, unknown>,
  expand: ExpandItem[] | undefined,
): Record<string, unknown> {
  for (const e of expand ?? []) {
    const name = e.name.toLowerCase();
    if (name === "listitem") {
      const drive = drives(req.ctx).get(record.driveId);
      if (drive && record.parentId !== null) {
        const fieldsExpand = e.query.expand?.find((x) => x.name.toLowerCase() === "fields");
        out.listItem = serializeListItem(req.ctx, libraryItemView(req.ctx, drive, record), {
          expandFields: fieldsExpand ? { select: fieldsExpand.query.select } : undefined,
          select: e.query.select,
        });
      }
    } else if (name === "permissions") {
      out.permissions = visiblePermissions(req.ctx, record).map((p) =>
        serializePermission(req.ctx, p.permission, p.inheritedFrom),
      );
    } else if (name === "children") {
      out.children = childrenOf(req.ctx, record.id).map((child) => serializeDriveItem(req.ctx, child));
    } else if (name !== "thumbnails") {
      throw badRequest(
        `Parsing OData Select and Expand failed: Could not find a property named '${e.name}' on type 'microsoft.graph.driveItem'.`,
      );
    }
  }
  return out;
}

function expandCost(expand: ExpandItem[] | undefined): "permission" | undefined {
  return expand?.some((e) => e.name.toLowerCase() === "permissions") ? "permission" : undefined;
}

export async function handleItemSelf(req: Req, target: ItemTarget, api: string): Promise<Response> {
  const { ctx, c } = req;
  if (req.method === "GET") {
    const query = parseQuery(readOptions(req.url));
    charge(ctx, c, expandCost(query.expand) ?? "read", `GET ${api}`);
    const item = requireItem(target);
    const out = serializeDriveItem(ctx, item, { select: query.select });
    return json(c, {
      "@odata.context": metadataUrl(ctx, `drives('${item.driveId}')/items/$entity`),
      ...expandDriveItem(req, item, out, query.expand),
    });
  }
  if (req.method === "PATCH") {
    const caller = charge(ctx, c, "write", `PATCH ${api}`);
    const item = requireItem(target);
    checkIfMatch(c.req.header("If-Match"), item.uniqueId, item.version, item.contentVersion);
    const body = await readJson(c);
    if (item.parentId === null && (body.name !== undefined || body.parentReference !== undefined)) {
      throw new GraphError(403, "accessDenied", "The root folder cannot be renamed or moved.");
    }
    let parentId = item.parentId as string;
    const ref = body.parentReference as { id?: unknown; driveId?: unknown; path?: unknown } | undefined;
    if (ref !== undefined) {
      if (typeof ref !== "object" || ref === null) throw badRequest("parentReference must be an object.");
      if (ref.driveId !== undefined && ref.driveId !== item.driveId)
        throw badRequest("Moving items between drives is not supported; use copy.");
      if (typeof ref.id === "string") {
        const drive = target.drive;
        const newParent = itemInDrive(ctx, drive, ref.id);
        requireFolder(newParent);
        if (newParent.id === item.id || ancestorsOf(ctx, newParent).some((a) => a.id === item.id)) {
          throw badRequest("An item cannot be moved into itself or one of its descendants.");
        }
        parentId = newParent.id;
      } else if (ref.id !== undefined) throw badRequest("parentReference.id must be a string.");
    }
    const name = body.name === undefined ? item.name : validateName(body.name);
    const behavior = conflictBehavior(
      body["@microsoft.graph.conflictBehavior"] ?? req.url.searchParams.get("@microsoft.graph.conflictBehavior"),
      "fail",
    );
    if (parentId !== item.parentId || name.toLowerCase() !== item.name.toLowerCase()) {
      const parent = items(ctx).get(parentId) as DriveItemRecord;
      const clash = findChild(ctx, parentId, name);
      if (clash && clash.id !== item.id) {
        const outcome = resolveConflict(ctx, parent, name, behavior);
        if (outcome.existing) {
          assertDeletable(ctx, outcome.existing);
          deleteItem(ctx, outcome.existing);
        }
        item.name = outcome.name;
      } else item.name = name;
    } else item.name = name;
    item.parentId = parentId;
    if (typeof body.description === "string") item.fields.Description = body.description;
    touch(ctx, item, identityOf(ctx, caller));
    ctx.store.changed();
    return json(c, serializeDriveItem(ctx, item));
  }
  if (req.method === "PUT") return commitToItem(req, target, api);
  if (req.method === "DELETE") {
    charge(ctx, c, "write", `DELETE ${api}`);
    const item = requireItem(target);
    if (item.parentId === null)
      throw new GraphError(403, "accessDenied", "The root folder of a drive cannot be deleted.");
    checkIfMatch(c.req.header("If-Match"), item.uniqueId, item.version, item.contentVersion);
    assertDeletable(ctx, item);
    deleteItem(ctx, item);
    return noContent();
  }
  throw methodNotAllowed();
}

/**
 * Explicit commit of an upload session (PUT {item address} with `@microsoft.graph.sourceUrl`): the
 * session's bytes become the file at that address — a folder address takes the file as a child
 * named `name`, a file address (existing or not) is the file itself. If-Match applies to the
 * addressed item when it exists (the folder or the file). 201 when created, 200 when an existing file was replaced; 409 on a name conflict
 * (the session stays, so it can be committed under another name).
 */
async function commitToItem(req: Req, target: ItemTarget, api: string): Promise<Response> {
  const { ctx, c } = req;
  charge(ctx, c, "write", `PUT ${api}`);
  const body = await readJson(c);
  const sourceUrl = body["@microsoft.graph.sourceUrl"];
  if (typeof sourceUrl !== "string")
    throw badRequest("PUT on an item needs @microsoft.graph.sourceUrl (an upload session URL) to commit.");
  const session = sessionFromUploadUrl(ctx, sourceUrl);
  if (session.driveId !== target.drive.id)
    throw badRequest("The upload session belongs to another drive; commit it in the drive it was created in.");
  if (!isComplete(session)) throw badRequest("The upload is not complete yet; upload the remaining byte ranges first.");
  const behavior = conflictBehavior(
    body["@microsoft.graph.conflictBehavior"] ?? req.url.searchParams.get("@microsoft.graph.conflictBehavior"),
    "fail",
  );
  const named = body.name === undefined ? undefined : validateName(body.name);
  let parentId: string;
  let name: string;
  const item = target.item;
  if (item) checkIfMatch(c.req.header("If-Match"), item.uniqueId, item.version, item.contentVersion);
  if (item?.isFolder) {
    if (!named) throw badRequest("name is required when committing an upload session into a folder.");
    parentId = item.id;
    name = named;
  } else if (item) {
    if (item.parentId === null) throw badRequest("Invalid target.");
    parentId = item.parentId;
    name = named ?? item.name;
  } else {
    if (!target.parent?.isFolder || target.leafName === undefined)
      throw new GraphError(404, "itemNotFound", "The parent folder could not be found.");
    parentId = target.parent.id;
    name = named ?? validateName(target.leafName);
  }
  // committing onto the addressed existing file replaces it, whatever the conflict behaviour
  const replacing = item && !item.isFolder && item.name.toLowerCase() === name.toLowerCase();
  const res = commitSession(ctx, session, { parentId, name, behavior: replacing ? "replace" : behavior });
  const created = res.status === 201;
  const out = JSON.parse(await res.text()) as Record<string, unknown>;
  return json(
    c,
    { "@odata.context": metadataUrl(ctx, `drives('${target.drive.id}')/items/$entity`), ...out },
    created ? 201 : 200,
  );
}

export async function handleChildren(req: Req, target: ItemTarget, api: string): Promise<Response> {
  const { ctx, c } = req;
  if (req.method === "GET") {
    const query = parseQuery(readOptions(req.url));
    charge(ctx, c, expandCost(query.expand) ?? "readMulti", `GET ${api}/children`);
    const folder = requireItem(target);
    if (!folder.isFolder) throw badRequest("The item is not a folder.");
    const children = childrenOf(ctx, folder.id).sort((a, b) => a.name.localeCompare(b.name));
    const rows = children.map((child) => serializeDriveItem(ctx, child));
    const byId = new Map(children.map((child) => [child.id, child]));
    const page = applyQuery(rows, query, {
      requestUrl: `${ctx.config.origin}${req.url.pathname}${req.url.search}`,
      defaultPageSize: CHILDREN_PAGE_SIZE,
      expand: (row, e) => expandDriveItem(req, byId.get(row.id as string) as DriveItemRecord, { ...row }, [e]),
    });
    return json(
      c,
      collectionBody(page, metadataUrl(ctx, `drives('${folder.driveId}')/items('${folder.id}')/children`)),
    );
  }
  if (req.method === "POST") {
    const caller = charge(ctx, c, "write", `POST ${api}/children`);
    const parent = requireItem(target);
    requireFolder(parent);
    const body = await readJson(c);
    const name = validateName(body.name);
    if (body.folder === undefined || typeof body.folder !== "object") {
      throw badRequest(
        "Only folders can be created with POST …/children; upload files with PUT …/content or an upload session.",
      );
    }
    const behavior = conflictBehavior(
      body["@microsoft.graph.conflictBehavior"] ?? req.url.searchParams.get("@microsoft.graph.conflictBehavior"),
      "fail",
    );
    const outcome = resolveConflict(ctx, parent, name, behavior);
    if (outcome.existing) {
      if (outcome.existing.isFolder) {
        // SharePoint keeps an existing folder on "replace" and returns it.
        return json(c, serializeDriveItem(ctx, outcome.existing), 200);
      }
      assertDeletable(ctx, outcome.existing);
      deleteItem(ctx, outcome.existing);
    }
    const folder = createFolder(ctx, target.drive, parent, outcome.name, identityOf(ctx, caller));
    return json(c, serializeDriveItem(ctx, folder), 201);
  }
  throw methodNotAllowed();
}
