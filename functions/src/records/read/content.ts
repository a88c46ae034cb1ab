/**
 * GET …/records/{id}/content: the bytes streamed through Kōmu from SharePoint (never a sharing
 * link), with Content-Disposition carrying the name as RFC 5987 `filename*` and an ASCII fallback.
 */
import { KomuError } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordsDeps } from "../deps.js";
import type { RecordData } from "../entities.js";
import { requireLibrary } from "../filing/check-filing.js";
import { recordsRepos } from "../repos.js";
import { libraryApi } from "../sharepoint/library.js";

/** `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function recordContent(deps: RecordsDeps, row: StoredEntity<RecordData>): Promise<Response> {
  if ((row.data.status !== "filed" && row.data.status !== "disposalApproved") || !row.data.driveItemId)
    throw new KomuError("RECORD_NOT_READY", { details: { recordId: row.id, status: row.data.status } });
  const { library } = await requireLibrary(recordsRepos(deps.storage), row.schoolId);
  const upstream = await libraryApi(deps.graph, library.driveId).download(row.data.driveItemId);
  if (!upstream.ok || !upstream.body) {
    throw new KomuError(upstream.status === 404 ? "NOT_FOUND" : "UPSTREAM_UNAVAILABLE", {
      details: { recordId: row.id, graphStatus: upstream.status },
      ...(upstream.status === 404 ? {} : { retryAfter: 5 }),
    });
  }
  const headers = new Headers({
    "Content-Type": row.data.mimeType,
    "Content-Disposition": contentDisposition(row.data.fileName),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  });
  const length = upstream.headers.get("content-length");
  if (length) headers.set("Content-Length", length);
  return new Response(upstream.body, { status: 200, headers });
}
