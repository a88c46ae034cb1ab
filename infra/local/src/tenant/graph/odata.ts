/**
 * A reusable OData query engine over arrays of JSON objects, with Graph's semantics:
 * $select, $filter (see odata-filter.ts), $orderby, $top, $skip, $skiptoken paging with an absolute
 * `@odata.nextLink`, $count=true → `@odata.count`, $search ("prop:value" terms), and an $expand hook.
 * Graph v1.0 also accepts the options without the `$` prefix; so does this engine.
 * Bad syntax → 400 GraphError("BadRequest"), unsupported → 400 ("Request_UnsupportedQuery").
 */
import { GraphError } from "../context.js";
import {
  compareValues,
  type EvalOptions,
  evaluateFilter,
  type FilterExpr,
  filterPaths,
  getPath,
  parseFilter,
} from "./odata-filter.js";

export type { FilterExpr } from "./odata-filter.js";
export { compareValues, evaluateFilter, getPath, parseFilter } from "./odata-filter.js";

export interface OrderBy {
  path: string[];
  desc: boolean;
}

export interface ExpandItem {
  /** navigation property, e.g. "fields" */
  name: string;
  /** nested options, e.g. fields($select=Title,Status) → { $select: "Title,Status" } */
  options: Record<string, string>;
  /** nested options parsed (select/filter/orderby/top) */
  query: ODataQuery;
}

export interface ODataQuery {
  select?: string[];
  filter?: FilterExpr;
  filterText?: string;
  orderby?: OrderBy[];
  top?: number;
  skip?: number;
  skiptoken?: string;
  count: boolean;
  expand?: ExpandItem[];
  search?: SearchTerm[][];
}

/** $search: OR of AND groups of terms; a term matches `property` containing `value` (word prefix, case-insensitive). */
export interface SearchTerm {
  property?: string;
  value: string;
}

const OPTIONS = [
  "select",
  "filter",
  "orderby",
  "top",
  "skip",
  "skiptoken",
  "count",
  "expand",
  "search",
  "format",
] as const;

export function badRequest(message: string): GraphError {
  return new GraphError(400, "BadRequest", message);
}

/** Reads the query options from a URL (or its search params), accepting `$top` and `top`. */
export function readOptions(source: URL | URLSearchParams | Record<string, string>): Record<string, string> {
  const params =
    source instanceof URL
      ? source.searchParams
      : source instanceof URLSearchParams
        ? source
        : new URLSearchParams(source);
  const out: Record<string, string> = {};
  for (const [rawKey, value] of params) {
    const key = rawKey.startsWith("$") ? rawKey.slice(1).toLowerCase() : rawKey.toLowerCase();
    if (!(OPTIONS as readonly string[]).includes(key)) {
      if (rawKey.startsWith("$"))
        throw badRequest(`Query option '${rawKey}' is not allowed. Make sure that the query option is supported.`);
      continue;
    }
    if (key in out)
      throw badRequest(`Query option '$${key}' was specified more than once, but it must be specified at most once.`);
    out[key] = value;
  }
  return out;
}

/** Splits on `sep` at parenthesis depth 0 and outside quotes. */
export function splitTopLevel(src: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = "";
  for (const ch of src) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === "(") depth++;
    if (!quoted && ch === ")") depth--;
    if (depth < 0) throw badRequest(`Unbalanced parentheses in '${src}'.`);
    if (ch === sep && depth === 0 && !quoted) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (depth !== 0 || quoted) throw badRequest(`Syntax error in '${src}'.`);
  parts.push(cur);
  return parts;
}

function parseInteger(name: string, raw: string): number {
  if (!/^\d+$/.test(raw.trim()))
    throw badRequest(`Invalid value '${raw}' for query option '$${name}'. The value must be a non-negative integer.`);
  return Number(raw.trim());
}

function parseSearch(raw: string): SearchTerm[][] {
  // "displayName:Pr" OR "mail:x" AND "y"
  const text = raw.trim();
  if (!text.startsWith('"')) throw badRequest("Syntax error: the $search value must be enclosed in double quotes.");
  const tokens = text.match(/"[^"]*"|\bAND\b|\bOR\b/g) ?? [];
  const groups: SearchTerm[][] = [[]];
  for (const tok of tokens) {
    if (tok === "OR") groups.push([]);
    else if (tok === "AND") continue;
    else {
      const inner = tok.slice(1, -1);
      const colon = inner.indexOf(":");
      const term: SearchTerm =
        colon > 0 ? { property: inner.slice(0, colon), value: inner.slice(colon + 1) } : { value: inner };
      (groups[groups.length - 1] as SearchTerm[]).push(term);
    }
  }
  if (groups.some((g) => g.length === 0)) throw badRequest("Syntax error: invalid $search expression.");
  return groups;
}

export interface ParseOptions {
  /** Largest accepted $top (Graph: 999 for users/groups). Above → 400. */
  maxTop?: number;
}

export function parseQuery(options: Record<string, string>, parse: ParseOptions = {}): ODataQuery {
  const q: ODataQuery = { count: false };
  if (options.select !== undefined) {
    q.select = options.select
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (q.select.length === 0) throw badRequest("Invalid $select: no properties.");
  }
  if (options.filter !== undefined) {
    q.filter = parseFilter(options.filter);
    q.filterText = options.filter;
  }
  if (options.orderby !== undefined) {
    q.orderby = splitTopLevel(options.orderby, ",").map((part) => {
      const bits = part.trim().split(/\s+/);
      const [path, dir, extra] = bits;
      if (!path || extra !== undefined || (dir !== undefined && !/^(asc|desc)$/i.test(dir)))
        throw badRequest(`Invalid $orderby expression '${part.trim()}'.`);
      return { path: path.split("/"), desc: dir?.toLowerCase() === "desc" };
    });
  }
  if (options.top !== undefined) {
    q.top = parseInteger("top", options.top);
    if (parse.maxTop !== undefined && q.top > parse.maxTop) {
      throw badRequest(`Invalid page size specified: '${q.top}'. Must be between 1 and ${parse.maxTop} inclusive.`);
    }
  }
  if (options.skip !== undefined) q.skip = parseInteger("skip", options.skip);
  if (options.skiptoken !== undefined) q.skiptoken = options.skiptoken;
  if (options.count !== undefined) {
    const v = options.count.toLowerCase();
    if (v !== "true" && v !== "false")
      throw badRequest(`Invalid value '${options.count}' for $count; expected true or false.`);
    q.count = v === "true";
  }
  if (options.expand !== undefined) {
    q.expand = splitTopLevel(options.expand, ",").map((part) => {
      const m = /^\s*([A-Za-z_@][\w@./]*)\s*(?:\((.*)\))?\s*$/.exec(part);
      if (!m) throw badRequest(`Invalid $expand expression '${part}'.`);
      const nested: Record<string, string> = {};
      if (m[2]) {
        for (const opt of splitTopLevel(m[2], ";")) {
          const eq = opt.indexOf("=");
          if (eq < 0) throw badRequest(`Invalid nested option '${opt}' in $expand.`);
          const key = opt.slice(0, eq).trim().replace(/^\$/, "").toLowerCase();
          nested[key] = opt.slice(eq + 1).trim();
        }
      }
      return { name: m[1] as string, options: nested, query: parseQuery(nested) };
    });
  }
  if (options.search !== undefined) q.search = parseSearch(options.search);
  return q;
}

/** Projects an object to the selected top-level properties (keeps `@odata.*` annotations). */
export function selectFields<T extends object>(item: T, select: readonly string[] | undefined): Partial<T> {
  if (!select || select.includes("*")) return item;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (k.startsWith("@odata.")) out[k] = v;
  for (const key of select) {
    const top = key.split("/")[0] as string;
    if (top in item) out[top] = (item as Record<string, unknown>)[top];
  }
  return out as Partial<T>;
}

export interface ApplyOptions<T> {
  /** Absolute URL of the current request (nextLink is built from it). */
  requestUrl: string;
  /** Page size when $top is absent (Graph users/groups: 100). */
  defaultPageSize?: number;
  /** Known property names (first path segment) of the type; unknown → 400 like Graph. */
  properties?: readonly string[];
  /** e.g. "microsoft.graph.user", for error messages */
  typeName?: string;
  evalOptions?: EvalOptions;
  /** Called for each $expand item on each returned element. */
  expand?: (item: T, expand: ExpandItem) => T;
  /** Matches a $search term (default: word-prefix match on the property, or on displayName). */
  searchMatch?: (item: T, term: SearchTerm) => boolean;
  /** Applies $select (default: selectFields). */
  select?: (item: T, select: readonly string[]) => unknown;
}

export interface ODataPage {
  value: unknown[];
  count?: number;
  nextLink?: string;
}

const encodeToken = (offset: number) => Buffer.from(JSON.stringify({ o: offset }), "utf8").toString("base64url");
function decodeToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown };
    if (typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through
  }
  throw badRequest("Invalid $skiptoken.");
}

/** The request URL with $skip/$skiptoken replaced by `$skiptoken=<token>`, other options kept verbatim. */
export function withSkipToken(requestUrl: string, token: string): string {
  const url = new URL(requestUrl);
  const kept = url.search
    .replace(/^\?/, "")
    .split("&")
    .filter((part) => {
      if (!part) return false;
      const key = decodeURIComponent(part.split("=")[0] ?? "")
        .replace(/^\$/, "")
        .toLowerCase();
      return key !== "skip" && key !== "skiptoken";
    });
  kept.push(`$skiptoken=${token}`);
  return `${url.origin}${url.pathname}?${kept.join("&")}`;
}

function defaultSearchMatch(item: unknown, term: SearchTerm): boolean {
  const value = getPath(item, [term.property ?? "displayName"]);
  if (typeof value !== "string") return false;
  const needle = term.value.toLowerCase();
  const hay = value.toLowerCase();
  return (
    hay.startsWith(needle) || hay.split(/[\s\u3000._@-]+/).some((w) => w.startsWith(needle)) || hay.includes(needle)
  );
}

function checkProperties(query: ODataQuery, properties: readonly string[], typeName: string): void {
  const known = new Set(properties.map((p) => p.toLowerCase()));
  const check = (name: string) => {
    if (name.startsWith("@") || name === "*") return;
    if (!known.has(name.toLowerCase()))
      throw badRequest(`Could not find a property named '${name}' on type '${typeName}'.`);
  };
  for (const s of query.select ?? []) check(s.split("/")[0] as string);
  for (const o of query.orderby ?? []) check(o.path[0] as string);
  if (query.filter) for (const p of filterPaths(query.filter)) check(p[0] as string);
  for (const t of query.search?.flat() ?? []) if (t.property) check(t.property);
}

/** Filters, searches, orders, pages, expands and selects `items` per `query`. */
export function applyQuery<T>(items: readonly T[], query: ODataQuery, options: ApplyOptions<T>): ODataPage {
  if (options.properties) checkProperties(query, options.properties, options.typeName ?? "microsoft.graph.entity");
  let rows = [...items];
  if (query.filter) {
    const f = query.filter;
    rows = rows.filter((r) => evaluateFilter(f, r, options.evalOptions));
  }
  if (query.search) {
    const match = options.searchMatch ?? defaultSearchMatch;
    const groups = query.search;
    rows = rows.filter((r) => groups.some((g) => g.every((t) => match(r, t))));
  }
  if (query.orderby?.length) {
    const keys = query.orderby;
    const get = options.evalOptions?.getField ?? getPath;
    rows.sort((a, b) => {
      for (const k of keys) {
        const c = compareValues(get(a, k.path), get(b, k.path), false, options.evalOptions);
        if (c !== 0) return k.desc ? -c : c;
      }
      return 0;
    });
  }
  const total = rows.length;
  const offset = (query.skip ?? 0) + (query.skiptoken !== undefined ? decodeToken(query.skiptoken) : 0);
  const pageSize = query.top ?? options.defaultPageSize ?? Number.POSITIVE_INFINITY;
  const page = rows.slice(offset, offset + pageSize);
  let nextLink: string | undefined;
  if (offset + page.length < total && page.length > 0) {
    nextLink = withSkipToken(options.requestUrl, encodeToken(offset + page.length));
  }
  const expanded =
    query.expand && options.expand
      ? page.map((r) => query.expand?.reduce((acc, e) => options.expand?.(acc, e) ?? acc, r) as T)
      : page;
  const selected = query.select
    ? expanded.map((r) =>
        options.select ? options.select(r, query.select as string[]) : selectFields(r as object, query.select),
      )
    : expanded;
  return { value: selected, ...(query.count ? { count: total } : {}), ...(nextLink ? { nextLink } : {}) };
}

/** Renders a collection response: `@odata.context`, `@odata.count`, `@odata.nextLink`, `value`. */
export function collectionBody(page: ODataPage, context: string): Record<string, unknown> {
  return {
    "@odata.context": context,
    ...(page.count !== undefined ? { "@odata.count": page.count } : {}),
    ...(page.nextLink ? { "@odata.nextLink": page.nextLink } : {}),
    value: page.value,
  };
}

/** `${origin}/v1.0/$metadata#users(id,displayName)` etc. */
export function contextUrl(requestUrl: string, entitySet: string, select?: readonly string[], entity = false): string {
  const origin = new URL(requestUrl).origin;
  const sel = select?.length ? `(${select.join(",")})` : "";
  return `${origin}/v1.0/$metadata#${entitySet}${sel}${entity ? "/$entity" : ""}`;
}

/** One-shot helper: read options from the URL, parse and apply. */
export function queryCollection<T>(
  items: readonly T[],
  requestUrl: string,
  options: Omit<ApplyOptions<T>, "requestUrl"> & ParseOptions = {},
): { page: ODataPage; query: ODataQuery } {
  const query = parseQuery(readOptions(new URL(requestUrl)), options);
  return { page: applyQuery(items, query, { ...options, requestUrl }), query };
}
