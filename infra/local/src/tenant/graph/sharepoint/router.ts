/**
 * Dispatch of SharePoint/OneDrive paths (with Graph's `:/path:` addressing) to the handlers.
 * Returns undefined for paths it does not own (e.g. …/workbook/…), so the caller can `next()`.
 */
import { GraphError } from "../../context.js";
import { applyQuery, collectionBody, parseQuery, readOptions } from "../odata.js";
import {
  driveById,
  type ItemTarget,
  personalDrive,
  resolveItem,
  resolveSite,
  siteDefaultDrive,
  type Token,
  tokenize,
} from "./address.js";
import { handleContent, handleVersions } from "./content.js";
import { badRequest, callerOf, charge, json, metadataUrl, methodNotAllowed, notFound, type Req } from "./http.js";
import { handleChildren, handleItemSelf } from "./items.js";
import { handleDriveItemListItem } from "./list-items.js";
import { handleList, handleLists } from "./lists.js";
import { type DriveItemRecord, type DriveRecord, drives, lists, type SiteRecord, sites } from "./model.js";
import { handleCreateLink, handleInvite, handlePermissions } from "./permissions.js";
import { delegatedCanSee } from "./permissions-model.js";
import { handleRetentionLabel } from "./retention.js";
import { serializeDrive, serializeDriveItem, serializeSite } from "./serialize.js";
import { resolveShare } from "./shares.js";
import { handleCreateUploadSession } from "./upload-session.js";

const plain = (tokens: Token[]) => tokens.map((t) => t.seg);

async function handleItem(req: Req, target: ItemTarget, rest: Token[], api: string): Promise<Response | undefined> {
  const [first, ...more] = plain(rest);
  switch (first) {
    case undefined:
      return handleItemSelf(req, target, api);
    case "children":
      return handleChildren(req, target, api);
    case "content":
      return handleContent(req, target, api);
    case "createUploadSession":
      return handleCreateUploadSession(req, target, api);
    case "versions":
      return handleVersions(req, target, more, api);
    case "permissions":
      return handlePermissions(req, target, more, api);
    case "invite":
      return handleInvite(req, target, api);
    case "createLink":
      return handleCreateLink(req, target, api);
    case "listItem":
      return handleDriveItemListItem(req, target, more, api);
    case "retentionLabel":
      return handleRetentionLabel(req, target, api);
    case "workbook":
      return undefined;
    default:
      throw badRequest(`Resource not found for the segment '${first}'.`);
  }
}

/** Everything below a drive: the drive itself, root, items/{id}, path addressing, list. */
/** A user token reading a document library item under a folder shared with specific people (permissions-model). */
function guardDelegated<T extends { item?: DriveItemRecord | undefined }>(req: Req, drive: DriveRecord, target: T): T {
  const userId = callerOf(req.c).userId;
  if (!userId || drive.driveType !== "documentLibrary" || !target.item) return target;
  if (!delegatedCanSee(req.ctx, target.item, userId)) throw notFound("The resource could not be found.");
  return target;
}

async function handleDrive(req: Req, drive: DriveRecord, rest: Token[], api: string): Promise<Response | undefined> {
  const { ctx, c } = req;
  const [head, second, ...after] = rest;
  if (!head) {
    if (req.method !== "GET") throw methodNotAllowed();
    charge(ctx, c, "read", `GET ${api}`);
    return json(c, { "@odata.context": metadataUrl(ctx, "drives/$entity"), ...serializeDrive(ctx, drive) });
  }
  if (head.seg === "root") {
    const target = guardDelegated(req, drive, resolveItem(ctx, drive, drive.rootId, head.path));
    const itemApi = `${api}/root${head.path?.length ? ":/{path}:" : ""}`;
    return handleItem(req, target, rest.slice(1), itemApi);
  }
  if (head.seg === "items" && head.path === undefined && second) {
    const target = guardDelegated(req, drive, resolveItem(ctx, drive, second.seg, second.path));
    const itemApi = `${api}/items/{item-id}${second.path?.length ? ":/{path}:" : ""}`;
    return handleItem(req, target, after, itemApi);
  }
  if (head.seg === "list") {
    const list = lists(ctx).get(drive.listId);
    const site = sites(ctx).get(drive.siteId);
    if (!list || !site) throw notFound("The drive's list could not be found.");
    const [sub, ...more] = plain(rest.slice(1));
    return handleList(req, site, list, sub, more);
  }
  throw badRequest(`Resource not found for the segment '${head.seg}'.`);
}

function listDrives(req: Req, all: DriveRecord[], api: string): Response {
  const { ctx, c } = req;
  const query = parseQuery(readOptions(req.url));
  charge(ctx, c, "readMulti", `GET ${api}`);
  const page = applyQuery(
    all.map((d) => serializeDrive(ctx, d)),
    query,
    { requestUrl: `${ctx.config.origin}${req.url.pathname}${req.url.search}`, defaultPageSize: 200 },
  );
  return json(c, collectionBody(page, metadataUrl(ctx, "drives")));
}

async function handleSite(req: Req, site: SiteRecord, rest: Token[]): Promise<Response | undefined> {
  const { ctx, c } = req;
  const [head, second, ...after] = rest;
  if (!head) {
    if (req.method !== "GET") throw methodNotAllowed();
    const query = parseQuery(readOptions(req.url));
    charge(ctx, c, "read", "GET /sites/{site-id}");
    const body = serializeSite(ctx, site);
    const out: Record<string, unknown> = { "@odata.context": metadataUrl(ctx, "sites/$entity"), ...body };
    for (const e of query.expand ?? []) {
      if (e.name === "drive") out.drive = serializeDrive(ctx, siteDefaultDrive(ctx, site));
      if (e.name === "drives")
        out.drives = [...drives(ctx).values()].filter((d) => d.siteId === site.id).map((d) => serializeDrive(ctx, d));
    }
    if (query.select) {
      const wanted = new Set(query.select.map((s) => s.toLowerCase()));
      for (const key of Object.keys(out))
        if (!key.startsWith("@odata.") && !wanted.has(key.toLowerCase())) delete out[key];
    }
    return json(c, out);
  }
  switch (head.seg) {
    case "drive":
      return handleDrive(req, siteDefaultDrive(ctx, site), rest.slice(1), "/sites/{site-id}/drive");
    case "drives": {
      if (!second) {
        if (req.method !== "GET") throw methodNotAllowed();
        return listDrives(
          req,
          [...drives(ctx).values()].filter((d) => d.siteId === site.id),
          "/sites/{site-id}/drives",
        );
      }
      const drive = driveById(ctx, second.seg);
      if (drive.siteId !== site.id) throw notFound("The drive could not be found.");
      return handleDrive(req, drive, after, "/sites/{site-id}/drives/{drive-id}");
    }
    case "lists":
      return handleLists(req, site, plain(rest.slice(1)));
    case "sites": {
      if (req.method !== "GET") throw methodNotAllowed();
      charge(ctx, c, "readMulti", "GET /sites/{site-id}/sites");
      return json(c, { "@odata.context": metadataUrl(ctx, "sites"), value: [] });
    }
    default:
      throw badRequest(`Resource not found for the segment '${head.seg}'.`);
  }
}

/** Entry point: `rawPath` is the request path relative to /v1.0. */
export async function dispatch(req: Req, rawPath: string): Promise<Response | undefined> {
  const { ctx } = req;
  const tokens = tokenize(rawPath);
  const [head, second, ...after] = tokens;
  if (!head) return undefined;
  switch (head.seg) {
    case "drives":
      if (!second)
        throw new GraphError(400, "invalidRequest", "A drive id is required (GET /drives is not supported).");
      return handleDrive(req, driveById(ctx, second.seg), after, "/drives/{drive-id}");
    case "sites": {
      if (!second) {
        if (req.method !== "GET") throw methodNotAllowed();
        const query = parseQuery(readOptions(req.url));
        charge(ctx, req.c, "readMulti", "GET /sites");
        const search = req.url.searchParams.get("search")?.toLowerCase();
        const rows = [...sites(ctx).values()]
          .filter((s) => !s.personalOwnerId)
          .filter(
            (s) =>
              !search ||
              search === "*" ||
              s.displayName.toLowerCase().includes(search) ||
              s.name.toLowerCase().includes(search),
          )
          .map((s) => serializeSite(ctx, s));
        const page = applyQuery(rows, query, {
          requestUrl: `${ctx.config.origin}${req.url.pathname}${req.url.search}`,
          defaultPageSize: 200,
        });
        return json(req.c, collectionBody(page, metadataUrl(ctx, "sites")));
      }
      return handleSite(req, resolveSite(ctx, second), after);
    }
    case "me": {
      const userId = callerOf(req.c).userId;
      if (!userId)
        throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
      return handleUserDrive(req, userId, tokens.slice(1), "/me");
    }
    case "users":
      if (!second) return undefined;
      return handleUserDrive(req, second.seg, after, "/users/{user-id}");
    case "shares":
      if (!second) throw badRequest("A share id or encoded sharing URL is required.");
      return handleShare(req, second.seg, after);
    default:
      return undefined;
  }
}

/** /shares/{token} (the sharedDriveItem) and /shares/{token}/driveItem[/…] (see shares.ts). */
async function handleShare(req: Req, token: string, rest: Token[]): Promise<Response | undefined> {
  const target = resolveShare(req.ctx, token);
  const [head, ...more] = rest;
  if (!head) {
    if (req.method !== "GET") throw methodNotAllowed();
    charge(req.ctx, req.c, "read", "GET /shares/{share-id}");
    const item = target.item as NonNullable<ItemTarget["item"]>;
    const driveItem = serializeDriveItem(req.ctx, item, { downloadUrl: false });
    return json(req.c, {
      "@odata.context": metadataUrl(req.ctx, "shares/$entity"),
      id: token,
      name: item.name,
      owner: driveItem.createdBy,
    });
  }
  if (head.seg !== "driveItem") throw badRequest(`Resource not found for the segment '${head.seg}'.`);
  return handleItem(req, target, more, "/shares/{share-id}/driveItem");
}

async function handleUserDrive(req: Req, user: string, rest: Token[], api: string): Promise<Response | undefined> {
  const [head, second, ...after] = rest;
  if (head?.seg === "drive") return handleDrive(req, personalDrive(req.ctx, user), rest.slice(1), `${api}/drive`);
  if (head?.seg === "drives") {
    const drive = personalDrive(req.ctx, user);
    if (!second) return listDrives(req, [drive], `${api}/drives`);
    if (second.seg !== drive.id) throw notFound("The drive could not be found.");
    return handleDrive(req, drive, after, `${api}/drives/{drive-id}`);
  }
  return undefined;
}
