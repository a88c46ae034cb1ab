/**
 * Puts a record's bytes into its folder exactly once, even when answers are lost.
 *
 * The file keeps the uploader's name in `2026年度/<code> <name>/`. The upload never overwrites
 * (`conflictBehavior=fail`): on 409 the item at that path is read, and it is ours when its
 * KomuRecordId is this record's, or when it has no KomuRecordId yet and has our size and was
 * created after the record (a previous attempt whose reply was lost, before its fields were set).
 * Anyone else's file makes us take the next name of a fixed sequence ("報告書 (2).pdf", …), so a
 * retry walks the same names and finds its own file. A retry (attempt > 1) looks at the path
 * before uploading, so a large file is not sent twice. A missing folder (404) is created.
 * Small files (≤ 10 MiB): one PUT …/content; larger: an upload session in 10 MiB chunks.
 */
import { UPLOAD_SESSION_THRESHOLD } from "@komu/shared";
import type { GraphGateway } from "../../graph/gateway.js";
import { graphStatus } from "../sharepoint/graph-paths.js";
import { type DriveItemRef, type LibraryApi, uploadInChunks } from "../sharepoint/library.js";
import type { UploadBlobStore } from "../staging/blob-store.js";
import { ensureFolder } from "./ensure-folder.js";

export interface PlaceFileInput {
  recordId: string;
  folderPath: string;
  fileName: string;
  size: number;
  mimeType: string;
  blobName: string;
  /** When the record row was created (an item created before it cannot be ours). */
  createdAt: string;
  attempt: number;
  signal?: AbortSignal;
}

export interface PlacedFile {
  item: DriveItemRef;
  /** The name in SharePoint (differs from fileName after a clash). */
  name: string;
}

const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_NAMES = 50;

/** "報告書.pdf", "報告書 (2).pdf", "報告書 (3).pdf", … */
export function candidateName(fileName: string, n: number): string {
  if (n <= 1) return fileName;
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? `${fileName.slice(0, dot)} (${n})${fileName.slice(dot)}` : `${fileName} (${n})`;
}

export function isOurs(item: DriveItemRef, input: Pick<PlaceFileInput, "recordId" | "size" | "createdAt">): boolean {
  const stamped = item.listItem?.fields?.KomuRecordId;
  if (typeof stamped === "string" && stamped !== "") return stamped === input.recordId;
  if (item.folder !== undefined || item.size !== input.size) return false;
  const created = item.createdDateTime ? Date.parse(item.createdDateTime) : Number.NaN;
  return Number.isFinite(created) && created >= Date.parse(input.createdAt) - CLOCK_SKEW_MS;
}

async function lookup(api: LibraryApi, path: string): Promise<DriveItemRef | undefined> {
  try {
    return await api.getByPath(path);
  } catch (e) {
    if (graphStatus(e) === 404) return undefined;
    throw e;
  }
}

async function upload(
  graph: GraphGateway,
  api: LibraryApi,
  blobs: UploadBlobStore,
  path: string,
  input: PlaceFileInput,
): Promise<DriveItemRef> {
  if (input.size <= UPLOAD_SESSION_THRESHOLD) {
    const bytes = await blobs.get(input.blobName);
    if (!bytes) throw new StagedBytesMissing(input.blobName);
    return api.putNew(path, bytes, input.mimeType);
  }
  const url = await api.createUploadSession({ path }, input.size);
  return uploadInChunks(graph, url, input.size, (o, l) => blobs.getRange(input.blobName, o, l), input.signal);
}

export class StagedBytesMissing extends Error {
  constructor(readonly blobName: string) {
    super(`the staged upload ${blobName} is gone`);
    this.name = "StagedBytesMissing";
  }
}

export async function placeFile(
  graph: GraphGateway,
  api: LibraryApi,
  blobs: UploadBlobStore,
  input: PlaceFileInput,
): Promise<PlacedFile> {
  let folderEnsured = false;
  for (let n = 1; n <= MAX_NAMES; n++) {
    const name = candidateName(input.fileName, n);
    const path = `${input.folderPath}/${name}`;
    if (input.attempt > 1) {
      const found = await lookup(api, path);
      if (found && isOurs(found, input)) return { item: found, name };
      if (found) continue;
    }
    for (;;) {
      try {
        return { item: await upload(graph, api, blobs, path, input), name };
      } catch (e) {
        const status = graphStatus(e) ?? (e as { statusCode?: number }).statusCode;
        if (status === 404 && !folderEnsured) {
          await ensureFolder(api, input.folderPath);
          folderEnsured = true;
          continue;
        }
        if (status !== 409) throw e;
        const found = await lookup(api, path);
        if (found && isOurs(found, input)) return { item: found, name };
        break; // someone else's file: next name
      }
    }
  }
  throw new Error(`no free file name for ${input.fileName} in ${input.folderPath} after ${MAX_NAMES} tries`);
}
