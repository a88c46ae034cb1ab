/** File content: GET …/content (302 to a pre-authenticated URL), PUT …/content, versions. */
import { GraphError } from "../../context.js";
import { type ItemTarget, requireItem } from "./address.js";
import { downloadUrl } from "./download.js";
import { checkIfMatch } from "./etag.js";
import {
  badRequest,
  charge,
  conflictBehavior,
  identityOf,
  json,
  metadataUrl,
  methodNotAllowed,
  notFound,
  type Req,
} from "./http.js";
import { assertContentUpdatable, mimeTypeFor, putFile, readContent, writeContent } from "./mutate.js";
import { serializeDriveItem } from "./serialize.js";

/** Graph's limit for a simple upload (PUT …/content). */
export const SIMPLE_UPLOAD_LIMIT = 250 * 1024 * 1024;

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { Location: location } });
}

export async function handleContent(req: Req, target: ItemTarget, api: string): Promise<Response> {
  const { ctx, c } = req;
  if (req.method === "GET") {
    charge(ctx, c, "read", `GET ${api}/content`);
    const item = requireItem(target);
    if (item.isFolder) throw badRequest("Folders have no content.");
    return redirect(downloadUrl(ctx, item));
  }
  if (req.method !== "PUT") throw methodNotAllowed();
  const caller = charge(ctx, c, "write", `PUT ${api}/content`);
  const declared = Number(c.req.header("Content-Length") ?? "0");
  if (declared > SIMPLE_UPLOAD_LIMIT) {
    throw new GraphError(
      413,
      "requestTooLarge",
      "Simple upload is limited to 250 MB; use an upload session (createUploadSession) for larger files.",
    );
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > SIMPLE_UPLOAD_LIMIT) {
    throw new GraphError(
      413,
      "requestTooLarge",
      "Simple upload is limited to 250 MB; use an upload session (createUploadSession) for larger files.",
    );
  }
  const by = identityOf(ctx, caller);
  const contentType = c.req.header("Content-Type");
  const ifMatch = c.req.header("If-Match");
  if (target.leafName !== undefined) {
    if (!target.parent) throw notFound("The parent folder could not be found.");
    if (target.item) checkIfMatch(ifMatch, target.item.uniqueId, target.item.version, target.item.contentVersion);
    else if (ifMatch && ifMatch !== "*") checkIfMatch(ifMatch, "", -1);
    const behavior = conflictBehavior(req.url.searchParams.get("@microsoft.graph.conflictBehavior"), "replace");
    const { item, created } = putFile(
      ctx,
      target.drive,
      target.parent,
      target.leafName,
      bytes,
      contentType,
      behavior,
      by,
    );
    return json(
      c,
      {
        "@odata.context": metadataUrl(ctx, `drives('${item.driveId}')/items/$entity`),
        ...serializeDriveItem(ctx, item),
      },
      created ? 201 : 200,
    );
  }
  const item = requireItem(target);
  if (item.isFolder) throw badRequest("Cannot upload content to a folder; address a file name below it.");
  checkIfMatch(ifMatch, item.uniqueId, item.version, item.contentVersion);
  assertContentUpdatable(ctx, item);
  writeContent(ctx, item, bytes, mimeTypeFor(item.name, contentType), by);
  return json(
    c,
    { "@odata.context": metadataUrl(ctx, `drives('${item.driveId}')/items/$entity`), ...serializeDriveItem(ctx, item) },
    200,
  );
}

function serializeVersion(v: {
  id: string;
  size: number;
  lastModifiedDateTime: string;
  lastModifiedBy: unknown;
}): Record<string, unknown> {
  return { id: v.id, lastModifiedBy: v.lastModifiedBy, lastModifiedDateTime: v.lastModifiedDateTime, size: v.size };
}

export async function handleVersions(req: Req, target: ItemTarget, rest: string[], api: string): Promise<Response> {
  const { ctx, c } = req;
  const [versionId, action] = rest;
  if (!versionId) {
    if (req.method !== "GET") throw methodNotAllowed();
    charge(ctx, c, "readMulti", `GET ${api}/versions`);
    const item = requireItem(target);
    const value = [...item.versions].reverse().map(serializeVersion);
    return json(c, {
      "@odata.context": metadataUrl(ctx, `drives('${item.driveId}')/items('${item.id}')/versions`),
      value,
    });
  }
  if (!action && req.method === "GET") {
    charge(ctx, c, "read", `GET ${api}/versions/{version-id}`);
    const item = requireItem(target);
    const version = item.versions.find((v) => v.id === versionId);
    if (!version) throw notFound("The version could not be found.");
    return json(c, serializeVersion(version));
  }
  if (action === "content" && req.method === "GET") {
    charge(ctx, c, "read", `GET ${api}/versions/{version-id}/content`);
    const item = requireItem(target);
    if (!item.versions.some((v) => v.id === versionId)) throw notFound("The version could not be found.");
    return redirect(downloadUrl(ctx, item, versionId));
  }
  if (action === "restoreVersion" && req.method === "POST") {
    const caller = charge(ctx, c, "write", `POST ${api}/versions/{version-id}/restoreVersion`);
    const item = requireItem(target);
    const version = item.versions.find((v) => v.id === versionId);
    if (!version) throw notFound("The version could not be found.");
    assertContentUpdatable(ctx, item);
    writeContent(ctx, item, readContent(ctx, item, versionId), version.mimeType, identityOf(ctx, caller));
    return new Response(null, { status: 204 });
  }
  throw methodNotAllowed();
}
