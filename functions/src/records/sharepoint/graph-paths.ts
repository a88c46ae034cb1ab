/** Graph URL helpers for the records library (path addressing, error shapes). */

/** "/2026年度/A-01 出席簿" → "2026%E5%B9%B4%E5%BA%A6/A-01%20%E5%87%BA%E5%B8%AD%E7%B0%BF" (each segment encoded). */
export function encodePath(path: string): string {
  return path
    .split("/")
    .filter(Boolean)
    .map((s) => encodeURIComponent(s))
    .join("/");
}

/** `/drives/{d}/root:/{path}:` (a drive item addressed by its path below the library root). */
export function itemByPath(driveId: string, path: string): string {
  return `/drives/${encodeURIComponent(driveId)}/root:/${encodePath(path)}:`;
}

export function itemById(driveId: string, itemId: string): string {
  return `/drives/${encodeURIComponent(driveId)}/items/${encodeURIComponent(itemId)}`;
}

/** The HTTP status of a Graph SDK error (GraphError.statusCode), or undefined for network failures. */
export function graphStatus(error: unknown): number | undefined {
  const s = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === "number" && s > 0 ? s : undefined;
}

export function graphCode(error: unknown): string | undefined {
  const c = (error as { code?: unknown } | null)?.code;
  return typeof c === "string" ? c : undefined;
}

/** OData string literal. */
export const odataString = (s: string) => `'${s.replace(/'/g, "''")}'`;
