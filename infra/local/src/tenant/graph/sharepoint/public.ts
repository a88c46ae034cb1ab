/**
 * Routes at the tenant's root that need no Authorization header (the URL is the credential):
 * upload session URLs, pre-authenticated download URLs (with Range → 206) and anonymous sharing links.
 * Mounted by the core's server.ts with `registerPublic(app, ctx)`.
 */
import type { Context, Hono } from "hono";
import { GraphError, type TenantContext } from "../../context.js";
import { DOWNLOAD_PATH, type DownloadClaims, downloadUrl, verifyPayload } from "./download.js";
import type { ConflictBehavior } from "./http.js";
import { type DriveItemRecord, drives, items } from "./model.js";
import { putFile, readContent, writeContent } from "./mutate.js";
import { SHARE_PATH } from "./permissions-model.js";
import { serializeDriveItem } from "./serialize.js";
import {
  CHUNK_UNIT,
  extendSession,
  MAX_CHUNK,
  sessionStatus,
  UPLOAD_PATH,
  type UploadSessionRecord,
  uploadSessions,
} from "./upload-session.js";

const JSON_TYPE = { "Content-Type": "application/json; charset=utf-8" };

function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error: { code, message }, ...extra }), {
    status,
    headers: { ...JSON_TYPE, ...headers },
  });
}

async function guarded(fn: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof GraphError) return errorResponse(err.status, err.code, err.message, {}, err.headers);
    throw err;
  }
}

function findSession(ctx: TenantContext, c: Context): UploadSessionRecord {
  return sessionByCredentials(ctx, c.req.query("guid") ?? "", c.req.query("tempauth") ?? "");
}

function sessionByCredentials(ctx: TenantContext, id: string, token: string): UploadSessionRecord {
  const session = uploadSessions(ctx).get(id);
  if (!session || session.token !== token)
    throw new GraphError(404, "itemNotFound", "The upload session was not found or has expired.");
  if (Date.parse(session.expirationDateTime) <= ctx.now().getTime()) {
    dropSession(ctx, session);
    throw new GraphError(404, "itemNotFound", "The upload session was not found or has expired.");
  }
  return session;
}

/** The session behind an uploadUrl of this tenant (for `@microsoft.graph.sourceUrl`); 400 for other URLs. */
export function sessionFromUploadUrl(ctx: TenantContext, sourceUrl: string): UploadSessionRecord {
  let url: URL;
  try {
    url = new URL(sourceUrl);
  } catch {
    throw new GraphError(400, "invalidRequest", "@microsoft.graph.sourceUrl is not a valid URL.");
  }
  const ours = [ctx.config.origin, ctx.config.httpOrigin].includes(url.origin) && url.pathname === UPLOAD_PATH;
  if (!ours) throw new GraphError(400, "invalidRequest", "@microsoft.graph.sourceUrl is not an upload session URL.");
  return sessionByCredentials(ctx, url.searchParams.get("guid") ?? "", url.searchParams.get("tempauth") ?? "");
}

function dropSession(ctx: TenantContext, session: UploadSessionRecord): void {
  for (const blob of session.chunks) ctx.store.blobs.delete(blob);
  uploadSessions(ctx).delete(session.id);
  ctx.store.changed();
}

function assemble(ctx: TenantContext, session: UploadSessionRecord): Uint8Array {
  const parts = session.chunks.map((id) => ctx.store.blobs.get(id) ?? new Uint8Array());
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

const CONFLICT_MESSAGE =
  "Another file exists with the same name as the uploaded session. You can redirect the upload session to use a new filename by calling PUT with the new metadata and @microsoft.graph.sourceUrl attribute.";

/** Where an explicit commit (PUT with @microsoft.graph.sourceUrl) puts the file instead of the session's target. */
export interface CommitDestination {
  parentId: string;
  name: string;
  behavior: ConflictBehavior;
}

export function isComplete(session: UploadSessionRecord): boolean {
  return session.fileSize !== undefined && session.received >= session.fileSize;
}

/**
 * Commits a completed upload session: to its own target, or to `destination` (explicit commit).
 * A name conflict answers 409 and keeps the session, so the client can commit it under another name.
 */
export function commitSession(
  ctx: TenantContext,
  session: UploadSessionRecord,
  destination?: CommitDestination,
): Response {
  if (!isComplete(session)) {
    return errorResponse(400, "invalidRequest", "The upload is not complete yet.", sessionStatus(session));
  }
  return complete(ctx, session, destination);
}

function complete(ctx: TenantContext, session: UploadSessionRecord, destination?: CommitDestination): Response {
  const drive = drives(ctx).get(session.driveId);
  const parent = items(ctx).get(destination?.parentId ?? session.parentId);
  if (!drive || !parent) {
    if (!destination) dropSession(ctx, session);
    throw new GraphError(404, "itemNotFound", "The destination folder no longer exists.");
  }
  const bytes = assemble(ctx, session);
  const existing = !destination && session.itemId ? items(ctx).get(session.itemId) : undefined;
  let result: { item: DriveItemRecord; created: boolean };
  if (existing) {
    writeContent(ctx, existing, bytes, existing.mimeType ?? "application/octet-stream", session.by);
    result = { item: existing, created: false };
  } else {
    try {
      result = putFile(
        ctx,
        drive,
        parent,
        destination?.name ?? session.name,
        bytes,
        session.contentType,
        destination?.behavior ?? session.behavior,
        session.by,
      );
    } catch (err) {
      if (err instanceof GraphError && err.status === 409)
        throw new GraphError(409, "nameAlreadyExists", CONFLICT_MESSAGE);
      throw err;
    }
  }
  dropSession(ctx, session);
  return new Response(JSON.stringify(serializeDriveItem(ctx, result.item)), {
    status: result.created ? 201 : 200,
    headers: JSON_TYPE,
  });
}

function parseContentRange(header: string | undefined): { start: number; end: number; total: number } {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec((header ?? "").trim());
  if (!m)
    throw new GraphError(
      400,
      "invalidRange",
      "The Content-Range header is missing or malformed (expected 'bytes {start}-{end}/{total}').",
    );
  const start = Number(m[1]);
  const end = Number(m[2]);
  const total = Number(m[3]);
  if (end < start || end >= total)
    throw new GraphError(400, "invalidRange", `The Content-Range '${header}' is not valid.`);
  return { start, end, total };
}

async function putChunk(ctx: TenantContext, c: Context): Promise<Response> {
  const session = findSession(ctx, c);
  ctx.limits.sharePoint(session.appId, "write", "PUT {uploadUrl}");
  const range = parseContentRange(c.req.header("Content-Range"));
  const length = range.end - range.start + 1;
  if (length >= MAX_CHUNK) {
    throw new GraphError(
      400,
      "invalidRange",
      `The fragment is ${length} bytes; each fragment must be smaller than 60 MiB (62,914,560 bytes).`,
    );
  }
  const isLast = range.end + 1 === range.total;
  if (!isLast && length % CHUNK_UNIT !== 0) {
    throw new GraphError(
      400,
      "invalidRange",
      `The fragment is ${length} bytes; every fragment except the last must be a multiple of 320 KiB (327,680 bytes).`,
    );
  }
  if (session.fileSize !== undefined && session.fileSize !== range.total) {
    throw new GraphError(
      400,
      "invalidRange",
      `The total size ${range.total} does not match the declared file size ${session.fileSize}.`,
    );
  }
  if (range.start !== session.received) {
    const what = range.start < session.received ? "overlaps bytes already received" : "is not the next expected range";
    return errorResponse(
      416,
      "invalidRange",
      `The fragment starting at ${range.start} ${what}; the next expected range starts at ${session.received}.`,
      sessionStatus(session),
    );
  }
  const body = new Uint8Array(await c.req.arrayBuffer());
  if (body.byteLength !== length) {
    throw new GraphError(
      400,
      "invalidRequest",
      `The request body has ${body.byteLength} bytes but the Content-Range declares ${length}.`,
    );
  }
  const blobId = `sp-upload/${session.id}/${session.chunks.length}`;
  ctx.store.blobs.put(blobId, body);
  session.chunks.push(blobId);
  session.received = range.end + 1;
  session.fileSize = range.total;
  if (!session.contentType && c.req.header("Content-Type")) session.contentType = c.req.header("Content-Type");
  extendSession(ctx, session);
  ctx.store.changed();
  if (session.received < range.total || session.deferCommit) {
    return new Response(JSON.stringify(sessionStatus(session)), { status: 202, headers: JSON_TYPE });
  }
  return complete(ctx, session);
}

function parseRange(header: string | undefined, size: number): { start: number; end: number } | "invalid" | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, a, b] = m;
  if (a === "" && b === "") return "invalid";
  if (a === "") {
    const suffix = Number(b);
    if (suffix === 0) return "invalid";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || end < start) return "invalid";
  return { start, end };
}

function download(ctx: TenantContext, c: Context): Response {
  const claims = verifyPayload<DownloadClaims & { a?: string }>(ctx, c.req.query("tempauth") ?? "");
  if (!claims || claims.exp * 1000 <= ctx.now().getTime()) {
    return errorResponse(401, "unauthenticated", "The download URL is invalid or has expired; request a new one.");
  }
  const item = items(ctx).get(claims.i);
  if (!item || item.driveId !== claims.d || !item.versions.some((v) => v.id === claims.v)) {
    return errorResponse(404, "itemNotFound", "The file could not be found.");
  }
  const version = item.versions.find((v) => v.id === claims.v);
  const bytes = readContent(ctx, item, claims.v);
  const headers: Record<string, string> = {
    "Content-Type": version?.mimeType ?? "application/octet-stream",
    "Accept-Ranges": "bytes",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(item.name)}`,
    ETag: `"{${item.uniqueId.toUpperCase()}},${item.version}"`,
  };
  const range = parseRange(c.req.header("Range"), bytes.byteLength);
  if (range === "invalid") {
    return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${bytes.byteLength}` } });
  }
  if (range) {
    const slice = bytes.subarray(range.start, range.end + 1);
    return new Response(slice as unknown as BodyInit, {
      status: 206,
      headers: {
        ...headers,
        "Content-Range": `bytes ${range.start}-${range.end}/${bytes.byteLength}`,
        "Content-Length": String(slice.byteLength),
      },
    });
  }
  return new Response(bytes as unknown as BodyInit, {
    status: 200,
    headers: { ...headers, "Content-Length": String(bytes.byteLength) },
  });
}

function shareLink(ctx: TenantContext, c: Context): Response {
  const token = c.req.query("share") ?? "";
  for (const item of items(ctx).values()) {
    const permission = item.permissions.find((p) => p.link?.token === token);
    if (!permission?.link) continue;
    if (permission.expirationDateTime && Date.parse(permission.expirationDateTime) <= ctx.now().getTime()) break;
    if (permission.link.scope !== "anonymous" || permission.link.hasPassword) {
      return errorResponse(
        403,
        "accessDenied",
        "このリンクを開くにはサインインが必要です。 / Sign-in is required to open this link.",
      );
    }
    if (item.isFolder) return errorResponse(400, "invalidRequest", "Folder links cannot be downloaded.");
    return new Response(null, { status: 302, headers: { Location: downloadUrl(ctx, item) } });
  }
  return errorResponse(404, "itemNotFound", "The sharing link is not valid.");
}

export function registerPublic(app: Hono<any>, ctx: TenantContext): void {
  app.put(UPLOAD_PATH, (c) => guarded(() => putChunk(ctx, c)));
  app.get(UPLOAD_PATH, (c) =>
    guarded(() => {
      const session = findSession(ctx, c);
      ctx.limits.sharePoint(session.appId, "read", "GET {uploadUrl}");
      return new Response(JSON.stringify(sessionStatus(session)), { status: 200, headers: JSON_TYPE });
    }),
  );
  app.delete(UPLOAD_PATH, (c) =>
    guarded(() => {
      const session = findSession(ctx, c);
      ctx.limits.sharePoint(session.appId, "write", "DELETE {uploadUrl}");
      dropSession(ctx, session);
      return new Response(null, { status: 204 });
    }),
  );
  app.post(UPLOAD_PATH, (c) =>
    guarded(() => {
      const session = findSession(ctx, c);
      ctx.limits.sharePoint(session.appId, "write", "POST {uploadUrl}");
      return commitSession(ctx, session);
    }),
  );
  app.get(DOWNLOAD_PATH, (c) => guarded(() => download(ctx, c)));
  app.get(SHARE_PATH, (c) => guarded(() => shareLink(ctx, c)));
}
