/**
 * The workbook through Graph, on behalf of the signed-in user (so Kōmu reads only a workbook the
 * teacher can open themselves; an app-only read would let anyone import any file of the tenant):
 *   - a URL → `GET /shares/{u!base64url(url)}/driveItem` (Microsoft's documented encoding of a
 *     sharing URL; works for sharing links and the file's own address);
 *   - drive and item ids → `GET /drives/{d}/items/{i}`;
 *   - the bytes → `GET /drives/{d}/items/{i}/content` (1 RU; the SDK follows the 302).
 * A file the user cannot see, or that is not there, is FORMS_WORKBOOK_UNREADABLE (reason).
 */
import { KomuError } from "@komu/shared";
import { type Client, ResponseType } from "@microsoft/microsoft-graph-client";
import { graphFailure } from "../../graph/errors.js";
import { graphStatus, itemById } from "../../records/sharepoint/graph-paths.js";

export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

export interface WorkbookRef {
  driveId: string;
  itemId: string;
  fileName: string;
}

/** Microsoft's encoding of a sharing URL for /shares/{id}. */
export function sharingToken(url: string): string {
  return `u!${Buffer.from(url, "utf8").toString("base64url")}`;
}

function unreadable(error: unknown, operation: string): KomuError {
  const status = graphStatus(error);
  if (status === 400 || status === 403 || status === 404)
    return new KomuError("FORMS_WORKBOOK_UNREADABLE", {
      details: { reason: status === 403 ? "forbidden" : "notFound", graphStatus: status },
    });
  return graphFailure(error, operation);
}

interface DriveItemJson {
  id: string;
  name: string;
  parentReference?: { driveId?: string };
  folder?: unknown;
}

export async function resolveWorkbook(
  client: Client,
  ref: { url: string } | { driveId: string; itemId: string },
): Promise<WorkbookRef> {
  const select = "$select=id,name,parentReference,folder,file";
  let item: DriveItemJson;
  try {
    item =
      "url" in ref
        ? await client.api(`/shares/${sharingToken(ref.url)}/driveItem?${select}`).get()
        : await client.api(`${itemById(ref.driveId, ref.itemId)}?${select}`).get();
  } catch (e) {
    throw unreadable(e, "surveys.forms.resolve");
  }
  const driveId = item.parentReference?.driveId ?? ("driveId" in ref ? ref.driveId : undefined);
  if (!driveId || item.folder)
    throw new KomuError("FORMS_WORKBOOK_UNREADABLE", { details: { reason: item.folder ? "folder" : "noDrive" } });
  return { driveId, itemId: item.id, fileName: item.name };
}

export async function downloadWorkbook(
  client: Client,
  ref: Pick<WorkbookRef, "driveId" | "itemId">,
): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await client
      .api(`${itemById(ref.driveId, ref.itemId)}/content`)
      .responseType(ResponseType.RAW)
      .get();
  } catch (e) {
    throw unreadable(e, "surveys.forms.download");
  }
  if (!res.ok) throw unreadable({ statusCode: res.status }, "surveys.forms.download");
  const length = Number(res.headers.get("content-length") ?? "0");
  if (length > MAX_WORKBOOK_BYTES)
    throw new KomuError("FORMS_WORKBOOK_UNREADABLE", { details: { reason: "tooLarge", maxBytes: MAX_WORKBOOK_BYTES } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength > MAX_WORKBOOK_BYTES)
    throw new KomuError("FORMS_WORKBOOK_UNREADABLE", { details: { reason: "tooLarge", maxBytes: MAX_WORKBOOK_BYTES } });
  return bytes;
}
