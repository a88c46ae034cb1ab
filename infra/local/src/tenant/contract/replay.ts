/**
 * Replays a documented example against a local tenant: substitutes ids/placeholders, sends the
 * request with a token, and compares the status and the body shape (see shape.ts).
 *
 *   const result = await replayExample(tenant, loadExample("graph.user-list"), { token });
 *   expect(result.mismatches).toEqual([]);
 */
import type { RunningTenant } from "../server.js";
import type { ContractExample } from "./examples.js";
import { compareShape, type ShapeOptions } from "./shape.js";

export interface ReplayOptions extends ShapeOptions {
  /** Bearer token for the request (omit for anonymous). */
  token?: string;
  /** Literal replacements in the path and the JSON body: documented ids/placeholders → ours. */
  substitute?: Record<string, string>;
  /** Replace the documented method/path/body/headers (when the docs give none, or "..."). */
  method?: string;
  path?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Status to expect when the docs give none (null) or when ours legitimately differs (say why in the test). */
  expectStatus?: number;
  /** Documented response headers whose presence is checked (case-insensitive). Default: Retry-After when documented. */
  checkHeaders?: readonly string[];
}

export interface ReplayResult {
  status: number;
  expectedStatus: number | null;
  headers: Headers;
  body: unknown;
  /** status mismatch, missing headers and body-shape differences; [] when the example passes */
  mismatches: string[];
  url: string;
}

const GRAPH_HOSTS = /^https:\/\/graph\.microsoft\.com/i;

function substituteAll(text: string, map: Record<string, string> | undefined): string {
  let out = text;
  for (const [from, to] of Object.entries(map ?? {})) out = out.split(from).join(to);
  return out;
}

/** Documented path → URL on the tenant (graph.microsoft.com → tenant origin; relative → /v1.0/...). */
export function exampleUrl(tenant: RunningTenant, path: string): string {
  if (GRAPH_HOSTS.test(path)) return path.replace(GRAPH_HOSTS, tenant.origin);
  if (/^https?:\/\//i.test(path)) return path;
  if (path.startsWith("/v1.0/") || path.startsWith("/v3/")) return `${tenant.origin}${path}`;
  return `${tenant.origin}/v1.0/${path.replace(/^\/+/, "")}`;
}

export async function replayExample(
  tenant: RunningTenant,
  example: ContractExample,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const method = options.method ?? example.request.method;
  const rawPath = options.path ?? example.request.path;
  if (!method || !rawPath) throw new Error(`${example.api}: the example documents no request; pass method and path`);
  const url = exampleUrl(tenant, substituteAll(rawPath, options.substitute));
  const headers = new Headers();
  for (const [k, v] of Object.entries({ ...example.request.headers, ...options.headers })) headers.set(k, v);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const docBody = options.body !== undefined ? options.body : example.request.body;
  let body: string | undefined;
  if (docBody !== null && docBody !== undefined && method !== "GET") {
    body = substituteAll(JSON.stringify(docBody), options.substitute);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), redirect: "manual" });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json") && text) parsed = JSON.parse(text);
  const mismatches: string[] = [];
  const expectedStatus = options.expectStatus ?? example.response.status;
  if (expectedStatus !== null && res.status !== expectedStatus)
    mismatches.push(`status: expected ${expectedStatus}, got ${res.status}`);
  const documentedHeaders = Object.keys(example.response.headers ?? {});
  const check = options.checkHeaders ?? documentedHeaders.filter((h) => h.toLowerCase() === "retry-after");
  for (const h of check) if (!res.headers.has(h)) mismatches.push(`header ${h}: missing`);
  if (example.response.body !== null && example.response.body !== undefined) {
    mismatches.push(...compareShape(example.response.body, parsed, options));
  }
  return { status: res.status, expectedStatus, headers: res.headers, body: parsed, mismatches, url };
}
