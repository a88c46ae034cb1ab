/**
 * SharePoint-style entity tags. A drive item's eTag is `"{GUID},version"` and its cTag
 * `"c:{GUID},contentVersion"`; a list item's eTag is `"guid,version"`. `If-Match` accepts either
 * form (with or without W/, quotes or braces) or `*`.
 */
import { GraphError } from "../../context.js";

export const driveItemETag = (uniqueId: string, version: number) => `"{${uniqueId.toUpperCase()}},${version}"`;
export const driveItemCTag = (uniqueId: string, contentVersion: number) =>
  `"c:{${uniqueId.toUpperCase()}},${contentVersion}"`;
export const listItemETag = (uniqueId: string, version: number) => `"${uniqueId.toLowerCase()},${version}"`;

function normalize(tag: string): { content: boolean; key: string } {
  let t = tag.trim();
  if (t.startsWith("W/")) t = t.slice(2);
  t = t.replace(/^"+|"+$/g, "").trim();
  let content = false;
  if (t.toLowerCase().startsWith("c:")) {
    content = true;
    t = t.slice(2);
  }
  t = t.replace(/[{}]/g, "").toLowerCase();
  return { content, key: t };
}

/** True when the If-Match header matches the given versions (eTag or cTag). */
export function etagMatches(header: string, uniqueId: string, version: number, contentVersion?: number): boolean {
  if (header.trim() === "*") return true;
  const { content, key } = normalize(header);
  const id = uniqueId.toLowerCase();
  if (content) return contentVersion !== undefined && key === `${id},${contentVersion}`;
  return key === `${id},${version}`;
}

/** Throws Graph's 412 when an If-Match header is present and stale. */
export function checkIfMatch(
  header: string | undefined,
  uniqueId: string,
  version: number,
  contentVersion?: number,
): void {
  if (header === undefined || header === "") return;
  if (!etagMatches(header, uniqueId, version, contentVersion)) {
    throw new GraphError(
      412,
      "preconditionFailed",
      "ETag mismatch: the item has been modified since the given version (If-Match).",
    );
  }
}
