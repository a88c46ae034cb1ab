/** `?a=1&b=x` from the defined, non-empty values (in the given order); "" when there are none. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text) search.set(key, text);
  }
  const s = search.toString();
  return s ? `?${s}` : "";
}

/** A path segment, encoded. */
export const seg = (value: string | number): string => encodeURIComponent(String(value));
