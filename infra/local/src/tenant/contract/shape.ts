/**
 * Body-shape comparison for contract tests: property names and JSON types, recursively.
 * - values may differ (ids, times, names);
 * - `null` in the documented body matches anything; `null` in ours matches a documented scalar
 *   (documented examples vary in which properties happen to be null);
 * - objects: every documented property must be present (ours may have more, unless strictKeys);
 * - arrays: the documented first element is compared with our first element; a documented
 *   non-empty array needs a non-empty array from us.
 * Stricter options: `everyElement` (every documented element must match one of ours, the best
 * match is reported) and `strictNull` (our null where the docs show a scalar is a mismatch).
 */
export interface ShapeOptions {
  /** JSON paths to skip, e.g. "$.value[0].roleTemplateId" or "$['@odata.nextLink']" (written as $.@odata.nextLink). */
  ignore?: readonly string[];
  /** Also report properties we return that the documented body does not have. */
  strictKeys?: boolean;
  /** Arrays: each documented element must match some element of ours (default: first with first). */
  everyElement?: boolean;
  /** Our null where the docs show a string/number/boolean is a mismatch (default: allowed). */
  strictNull?: boolean;
}

export type JsonType = "null" | "string" | "number" | "boolean" | "array" | "object";

export function jsonType(v: unknown): JsonType {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v as JsonType;
}

export function compareShape(expected: unknown, actual: unknown, options: ShapeOptions = {}, path = "$"): string[] {
  if (options.ignore?.includes(path)) return [];
  const et = jsonType(expected);
  const at = jsonType(actual);
  if (et === "null") return [];
  if (at === "null")
    return et === "object" || et === "array" || options.strictNull ? [`${path}: expected ${et}, got null`] : [];
  if (et !== at) return [`${path}: expected ${et}, got ${at}`];
  if (et === "array") {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (e.length === 0) return [];
    if (a.length === 0) return [`${path}: expected a non-empty array`];
    if (!options.everyElement) return compareShape(e[0], a[0], options, `${path}[0]`);
    return e.flatMap((doc, i) => {
      const attempts = a.map((mine) => compareShape(doc, mine, options, `${path}[${i}]`));
      return attempts.sort((x, y) => x.length - y.length)[0] ?? [];
    });
  }
  if (et === "object") {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const out: string[] = [];
    for (const key of Object.keys(e)) {
      const p = `${path}.${key}`;
      if (options.ignore?.includes(p)) continue;
      if (!(key in a)) out.push(`${p}: missing`);
      else out.push(...compareShape(e[key], a[key], options, p));
    }
    if (options.strictKeys)
      for (const key of Object.keys(a))
        if (!(key in e) && !options.ignore?.includes(`${path}.${key}`)) out.push(`${path}.${key}: not documented`);
    return out;
  }
  return [];
}
