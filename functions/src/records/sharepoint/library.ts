/**
 * The Graph calls on a school's records library (app-only client). Each function is one request
 * (plus the upload session's chunk PUTs); RU are estimated and budgeted by the gateway's
 * SharePoint budget middleware. Errors are the Graph SDK's (statusCode, code) so callers can
 * tell 404/409/412 apart; see graph-paths.ts.
 */
import { type Client, ResponseType } from "@microsoft/microsoft-graph-client";
import type { GraphGateway } from "../../graph/gateway.js";
import { itemById, itemByPath } from "./graph-paths.js";

export interface DriveItemRef {
  id: string;
  name: string;
  size?: number;
  eTag?: string;
  webUrl?: string;
  createdDateTime?: string;
  createdBy?: { application?: { id?: string } };
  folder?: unknown;
  file?: { mimeType?: string };
  sharepointIds?: { listItemId?: string };
  listItem?: { id?: string; eTag?: string; fields?: Record<string, unknown> };
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** One upload-session chunk: a multiple of 320 KiB (10 MiB = 32 × 327,680). */
export const UPLOAD_CHUNK_BYTES = 32 * 327_680;

export function libraryApi(graph: GraphGateway, driveId: string) {
  const client: Client = graph.app;
  return {
    client,
    driveId,
    /** GET an item by its path below the library root, with its listItem's KomuRecordId (1 RU); 404 throws. */
    getByPath(path: string): Promise<DriveItemRef> {
      return client
        .api(itemByPath(driveId, path))
        .query({
          $select: "id,name,size,eTag,webUrl,createdDateTime,createdBy,file,folder,sharepointIds",
          $expand: "listItem($select=id,eTag;$expand=fields($select=KomuRecordId))",
        })
        .get();
    },
    getById(itemId: string): Promise<DriveItemRef> {
      return client.api(itemById(driveId, itemId)).query({ $select: "id,name,size,eTag,webUrl,sharepointIds" }).get();
    },
    /** Simple upload (≤ 250 MB; Kōmu uses it up to 10 MiB). `fail` on a name clash → 409. */
    putNew(path: string, bytes: Uint8Array, mimeType: string): Promise<DriveItemRef> {
      return client
        .api(`${itemByPath(driveId, path)}/content`)
        .query({ "@microsoft.graph.conflictBehavior": "fail" })
        .header("Content-Type", mimeType)
        .put(asBuffer(bytes));
    },
    /** New content (a new version) of an existing file, guarded by its eTag when given. */
    putVersion(itemId: string, bytes: Uint8Array, mimeType: string, ifMatch?: string): Promise<DriveItemRef> {
      let req = client.api(`${itemById(driveId, itemId)}/content`).header("Content-Type", mimeType);
      if (ifMatch) req = req.header("If-Match", ifMatch);
      return req.put(asBuffer(bytes));
    },
    /** An upload session for a new file at `path` (fail on clash) or a new version of `itemId`. */
    async createUploadSession(target: { path: string } | { itemId: string }, size: number): Promise<string> {
      const url =
        "path" in target
          ? `${itemByPath(driveId, target.path)}/createUploadSession`
          : `${itemById(driveId, target.itemId)}/createUploadSession`;
      const behavior = "path" in target ? "fail" : "replace";
      const res = (await client
        .api(url)
        .post({ item: { "@microsoft.graph.conflictBehavior": behavior, fileSize: size } })) as { uploadUrl: string };
      return res.uploadUrl;
    },
    patchFields(itemId: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
      return client.api(`${itemById(driveId, itemId)}/listItem/fields`).patch(fields);
    },
    applyRetentionLabel(itemId: string, name: string): Promise<unknown> {
      return client.api(`${itemById(driveId, itemId)}/retentionLabel`).patch({ name });
    },
    async versions(
      itemId: string,
    ): Promise<
      { id: string; size: number; lastModifiedDateTime: string; lastModifiedBy?: { user?: { displayName?: string } } }[]
    > {
      return graph.allPages(client, `${itemById(driveId, itemId)}/versions`, "records.versions");
    },
    /** The content as a web Response (the SDK follows the 302 to the download URL). 1 RU. */
    download(itemId: string, range?: string): Promise<Response> {
      let req = client.api(`${itemById(driveId, itemId)}/content`).responseType(ResponseType.RAW);
      if (range) req = req.header("Range", range);
      return req.get();
    },
    deleteItem(itemId: string, ifMatch?: string): Promise<unknown> {
      let req = client.api(itemById(driveId, itemId));
      if (ifMatch) req = req.header("If-Match", ifMatch);
      return req.delete();
    },
  };
}

export type LibraryApi = ReturnType<typeof libraryApi>;

export class UploadChunkError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: string,
    readonly headers: Headers,
  ) {
    super(`upload chunk failed: ${statusCode} ${body.slice(0, 300)}`);
    this.name = "UploadChunkError";
  }
}

/**
 * Sends `size` bytes to an upload session in 10 MiB chunks (multiples of 320 KiB, as Graph
 * requires), without an Authorization header (the URL is the credential). Each chunk waits for
 * SharePoint budget (2 RU) and is counted as "PUT {uploadUrl}". Returns the created/updated item.
 */
export async function uploadInChunks(
  graph: GraphGateway,
  uploadUrl: string,
  size: number,
  readChunk: (offset: number, length: number) => Promise<Uint8Array>,
  signal?: AbortSignal,
): Promise<DriveItemRef> {
  let offset = 0;
  for (;;) {
    const length = Math.min(UPLOAD_CHUNK_BYTES, size - offset);
    const chunk = await readChunk(offset, length);
    await graph.sharePointBudget.acquire(2, signal);
    graph.calls.record("PUT {uploadUrl}");
    graph.calls.recordUnits?.("PUT {uploadUrl}", 2);
    const res = await fetch(uploadUrl, {
      method: "PUT",
      headers: {
        "Content-Length": String(chunk.byteLength),
        "Content-Range": `bytes ${offset}-${offset + chunk.byteLength - 1}/${size}`,
      },
      body: asBuffer(chunk),
      ...(signal ? { signal } : {}),
    });
    const text = await res.text();
    if (res.status === 200 || res.status === 201) return JSON.parse(text) as DriveItemRef;
    if (res.status !== 202) throw new UploadChunkError(res.status, text, res.headers);
    const next = (JSON.parse(text) as { nextExpectedRanges?: string[] }).nextExpectedRanges?.[0];
    const nextStart = next ? Number(next.split("-")[0]) : offset + chunk.byteLength;
    if (!Number.isFinite(nextStart) || nextStart <= offset) throw new UploadChunkError(500, text, res.headers);
    offset = nextStart;
  }
}
