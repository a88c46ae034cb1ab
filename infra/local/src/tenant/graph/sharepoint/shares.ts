/**
 * GET /shares/{shareIdOrEncodedSharingUrl}[/driveItem[/…]]: a drive item addressed by a sharing
 * URL (Microsoft's documented encoding: base64 of the URL, unpadded base64url, prefixed "u!").
 * The URL may be a sharing link this tenant created (…/_layouts/15/guestaccess.aspx?share=…) or
 * an item's webUrl (query and fragment ignored). Share ids returned by the API ("s!…") are not
 * issued by this tenant, so only "u!" tokens resolve. Unknown URLs: 404 itemNotFound.
 */
import type { TenantContext } from "../../context.js";
import { type ItemTarget, itemInDrive } from "./address.js";
import { badRequest, notFound } from "./http.js";
import { drives, items } from "./model.js";
import { SHARE_PATH } from "./permissions-model.js";
import { itemWebUrl } from "./serialize.js";

/** "u!aHR0cHM6Ly9…" → "https://…" (undefined when not a u! token or not a URL). */
export function decodeSharingToken(token: string): string | undefined {
  if (!token.startsWith("u!")) return undefined;
  const b64 = token.slice(2).replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*$/.test(b64)) return undefined;
  const text = Buffer.from(b64, "base64").toString("utf8");
  try {
    return new URL(text).toString();
  } catch {
    return undefined;
  }
}

const normalise = (url: URL) => {
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep as is
  }
  return `${url.origin.toLowerCase()}${path.replace(/\/+$/, "")}`.normalize("NFC");
};

export function resolveShare(ctx: TenantContext, token: string): ItemTarget {
  const text = decodeSharingToken(token);
  if (!text) throw badRequest("The sharing token is not valid (expected u! + base64url of a sharing URL).");
  const url = new URL(text);
  let found: { id: string; driveId: string } | undefined;
  if (url.pathname === SHARE_PATH) {
    const share = url.searchParams.get("share");
    for (const item of items(ctx).values())
      if (item.permissions.some((p) => p.link && p.link.token === share)) {
        found = item;
        break;
      }
  } else {
    const wanted = normalise(url);
    for (const item of items(ctx).values()) {
      if (item.parentId === null) continue;
      if (normalise(new URL(itemWebUrl(ctx, item))) === wanted) {
        found = item;
        break;
      }
    }
  }
  const drive = found ? drives(ctx).get(found.driveId) : undefined;
  if (!found || !drive) throw notFound("The sharing link or URL does not lead to an item.");
  return { drive, item: itemInDrive(ctx, drive, found.id), parent: undefined, leafName: undefined };
}
