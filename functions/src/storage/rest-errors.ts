/** Helpers to read the HTTP status of an Azure SDK RestError without depending on its class. */
export function statusOf(e: unknown): number | undefined {
  if (typeof e === "object" && e !== null && "statusCode" in e) {
    const s = (e as { statusCode?: unknown }).statusCode;
    return typeof s === "number" ? s : undefined;
  }
  return undefined;
}

export const isConflict = (e: unknown): boolean => statusOf(e) === 409;
export const isPreconditionFailed = (e: unknown): boolean => statusOf(e) === 412;
export const isNotFound = (e: unknown): boolean => statusOf(e) === 404;

/** The ETag of a write response (the service always sends one; its absence is a bug). */
export function etagOf(res: { etag?: string }): string {
  if (!res.etag) throw new Error("storage response carried no ETag");
  return res.etag;
}
