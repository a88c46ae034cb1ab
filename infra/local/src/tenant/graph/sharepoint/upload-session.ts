/**
 * Upload sessions (POST …/createUploadSession). The uploadUrl lives on the tenant's origin outside
 * /v1.0 (served by `registerPublic`) and needs no Authorization header: the URL is the credential.
 */
import type { TenantContext } from "../../context.js";
import type { ItemTarget } from "./address.js";
import { checkIfMatch } from "./etag.js";
import {
  badRequest,
  type ConflictBehavior,
  charge,
  conflictBehavior,
  identityOf,
  json,
  methodNotAllowed,
  notFound,
  type Req,
  readJson,
  validateName,
} from "./http.js";
import { newGuid, newToken } from "./ids.js";
import { COLLECTIONS, type IdentitySet } from "./model.js";

export const UPLOAD_PATH = "/_api/v2.0/uploadSession";
/** Chunks (except the last) must be multiples of 320 KiB and every chunk under 60 MiB. */
export const CHUNK_UNIT = 327_680;
export const MAX_CHUNK = 60 * 1024 * 1024;
const SESSION_TTL_MS = 24 * 60 * 60 * 1000;

export interface UploadSessionRecord {
  id: string;
  token: string;
  driveId: string;
  parentId: string;
  /** the file to update when the session was created on an existing item */
  itemId?: string;
  name: string;
  behavior: ConflictBehavior;
  deferCommit: boolean;
  fileSize?: number;
  received: number;
  chunks: string[];
  expirationDateTime: string;
  appId: string;
  by: IdentitySet;
  contentType?: string;
}

export const uploadSessions = (ctx: TenantContext) => ctx.store.collection<UploadSessionRecord>(COLLECTIONS.uploads);

export function uploadUrl(ctx: TenantContext, session: UploadSessionRecord): string {
  return `${ctx.config.origin}${UPLOAD_PATH}?guid=${session.id}&tempauth=${session.token}`;
}

export function sessionStatus(session: UploadSessionRecord): Record<string, unknown> {
  return {
    expirationDateTime: session.expirationDateTime,
    nextExpectedRanges:
      session.fileSize !== undefined && session.received >= session.fileSize ? [] : [`${session.received}-`],
  };
}

export function extendSession(ctx: TenantContext, session: UploadSessionRecord): void {
  session.expirationDateTime = new Date(ctx.now().getTime() + SESSION_TTL_MS).toISOString();
}

export async function handleCreateUploadSession(req: Req, target: ItemTarget, api: string): Promise<Response> {
  const { ctx, c } = req;
  if (req.method !== "POST") throw methodNotAllowed();
  const caller = charge(ctx, c, "write", `POST ${api}/createUploadSession`);
  const body = await readJson(c);
  const itemFacet = (body.item ?? {}) as Record<string, unknown>;
  if (typeof itemFacet !== "object" || itemFacet === null) throw badRequest("item must be an object.");
  const behavior = conflictBehavior(
    itemFacet["@microsoft.graph.conflictBehavior"] ?? req.url.searchParams.get("@microsoft.graph.conflictBehavior"),
    "replace",
  );
  let parentId: string;
  let name: string;
  let itemId: string | undefined;
  if (target.leafName !== undefined) {
    if (!target.parent || !target.parent.isFolder) throw notFound("The parent folder could not be found.");
    parentId = target.parent.id;
    name = validateName(typeof itemFacet.name === "string" ? itemFacet.name : target.leafName);
    if (target.item)
      checkIfMatch(c.req.header("If-Match"), target.item.uniqueId, target.item.version, target.item.contentVersion);
  } else {
    const item = target.item;
    if (!item) throw notFound();
    if (item.isFolder) {
      if (typeof itemFacet.name !== "string")
        throw badRequest("item.name is required when creating an upload session on a folder.");
      parentId = item.id;
      name = validateName(itemFacet.name);
    } else {
      if (item.parentId === null) throw badRequest("Invalid target.");
      checkIfMatch(c.req.header("If-Match"), item.uniqueId, item.version, item.contentVersion);
      parentId = item.parentId;
      name = item.name;
      itemId = item.id;
    }
  }
  const fileSize = typeof itemFacet.fileSize === "number" ? itemFacet.fileSize : undefined;
  if (fileSize !== undefined && (!Number.isInteger(fileSize) || fileSize < 0))
    throw badRequest("item.fileSize must be a non-negative integer.");
  const session: UploadSessionRecord = {
    id: newGuid(),
    token: newToken(),
    driveId: target.drive.id,
    parentId,
    ...(itemId ? { itemId } : {}),
    name,
    behavior,
    deferCommit: body.deferCommit === true,
    ...(fileSize !== undefined ? { fileSize } : {}),
    received: 0,
    chunks: [],
    expirationDateTime: "",
    appId: caller.appId,
    by: identityOf(ctx, caller),
  };
  extendSession(ctx, session);
  uploadSessions(ctx).set(session.id, session);
  ctx.store.changed();
  return json(c, {
    "@odata.context": `${ctx.config.origin}/v1.0/$metadata#microsoft.graph.uploadSession`,
    uploadUrl: uploadUrl(ctx, session),
    expirationDateTime: session.expirationDateTime,
    nextExpectedRanges: ["0-"],
  });
}
