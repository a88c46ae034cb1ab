/** Matches a request path against the declared endpoints (OpenAPI path templates). */
import type { Endpoint } from "./types.js";

export interface TableEntry {
  method: string;
  template: string;
  pattern: RegExp;
  endpoint: Endpoint | undefined;
  auth: "required" | "public";
}

export interface RouteMatch {
  entry: TableEntry | undefined;
  /** Methods allowed on this path when the path exists (for 405 + Allow). */
  allowed: string[];
}

function compile(template: string): RegExp {
  const source = template
    .split("/")
    .map((segment) => (/^\{[^/{}]+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}/?$`);
}

export function createRouteTable(
  endpoints: readonly Endpoint[],
  extra: readonly { method: string; path: string; auth: "required" | "public" }[] = [],
) {
  const entries: TableEntry[] = [
    ...endpoints.map((endpoint) => ({
      method: endpoint.route.method.toUpperCase(),
      template: endpoint.route.path,
      pattern: compile(endpoint.route.path),
      endpoint,
      auth: endpoint.auth,
    })),
    ...extra.map((e) => ({
      method: e.method.toUpperCase(),
      template: e.path,
      pattern: compile(e.path),
      endpoint: undefined,
      auth: e.auth,
    })),
  ];
  return {
    entries,
    match(method: string, path: string): RouteMatch {
      const m = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
      const onPath = entries.filter((e) => e.pattern.test(path));
      // A literal segment beats a parameter: prefer the template with the fewest parameters.
      const candidates = onPath
        .filter((e) => e.method === m)
        .sort((a, b) => paramCount(a.template) - paramCount(b.template));
      return { entry: candidates[0], allowed: [...new Set(onPath.map((e) => e.method))] };
    },
  };
}

const paramCount = (template: string): number => (template.match(/\{/g) ?? []).length;
