/**
 * POST /v1.0/$batch (JSON batching): at most 20 requests with unique ids; `dependsOn` orders them
 * and a failed dependency gives 424; independent requests run concurrently and responses come
 * back in completion order. Each inner request goes through the whole app (auth from the outer
 * request, throttling, faults, stats), as a separate request.
 */
import type { Context } from "hono";
import { z } from "zod";
import { GraphError, type TenantContext, type TenantVariables } from "../context.js";
import { clientRequestIdOf } from "../http/request-id.js";
import { graphErrorBody } from "./errors.js";

export const MAX_BATCH_REQUESTS = 20;

const InnerRequest = z.object({
  id: z.string().min(1),
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});
const BatchBody = z.object({ requests: z.array(z.unknown()) });

type Inner = z.infer<typeof InnerRequest>;
export interface InnerResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Requests created by the batch handler (their "connection" is the batch). */
export const innerBatchRequests = new WeakSet<Request>();

type Fetch = (req: Request) => Promise<Response>;

function validate(raw: unknown): Inner[] {
  const parsed = BatchBody.safeParse(raw);
  if (!parsed.success)
    throw new GraphError(400, "BadRequest", 'Invalid batch payload format: the body must be { "requests": [ ... ] }.');
  if (parsed.data.requests.length === 0)
    throw new GraphError(400, "BadRequest", "Invalid batch payload format: at least one request is required.");
  if (parsed.data.requests.length > MAX_BATCH_REQUESTS) {
    throw new GraphError(
      400,
      "BadRequest",
      `Invalid batch payload format: the number of requests (${parsed.data.requests.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`,
    );
  }
  const requests = parsed.data.requests.map((r, i) => {
    const one = InnerRequest.safeParse(r);
    if (!one.success)
      throw new GraphError(
        400,
        "BadRequest",
        `Invalid batch payload format: request ${i + 1} needs a string id, method and url.`,
      );
    return one.data;
  });
  const ids = new Set<string>();
  for (const r of requests) {
    if (ids.has(r.id))
      throw new GraphError(400, "BadRequest", `Batch request ids must be unique; '${r.id}' is repeated.`);
    ids.add(r.id);
  }
  for (const r of requests) {
    for (const d of r.dependsOn ?? []) {
      if (!ids.has(d))
        throw new GraphError(400, "BadRequest", `Request '${r.id}' depends on '${d}', which is not in the batch.`);
      if (d === r.id) throw new GraphError(400, "BadRequest", `Request '${r.id}' depends on itself.`);
    }
    if (
      r.body !== undefined &&
      r.body !== null &&
      !Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === "content-type")
    ) {
      throw new GraphError(400, "BadRequest", `Request '${r.id}' has a body but no Content-Type header.`);
    }
    if (/\$batch/i.test(r.url))
      throw new GraphError(400, "BadRequest", "A batch request cannot contain another $batch request.");
  }
  // cycles
  const byId = new Map(requests.map((r) => [r.id, r]));
  const state = new Map<string, 1 | 2>();
  const visit = (id: string) => {
    if (state.get(id) === 2) return;
    if (state.get(id) === 1)
      throw new GraphError(400, "BadRequest", `The dependsOn chain of request '${id}' is circular.`);
    state.set(id, 1);
    for (const d of byId.get(id)?.dependsOn ?? []) visit(d);
    state.set(id, 2);
  };
  for (const r of requests) visit(r.id);
  return requests;
}

function innerUrl(outerUrl: string, url: string): string {
  if (/^https?:\/\//i.test(url))
    throw new GraphError(400, "BadRequest", `Batch request urls must be relative to /v1.0 (got '${url}').`);
  const rel = url.replace(/^\/+/, "").replace(/^v1\.0\//i, "");
  return `${new URL(outerUrl).origin}/v1.0/${rel}`;
}

async function runOne(r: Inner, outer: Request, outerUrl: string, fetch: Fetch): Promise<InnerResponse> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(r.headers ?? {})) headers.set(k, v);
  const auth = outer.headers.get("authorization");
  if (auth) headers.set("authorization", auth);
  const crid = outer.headers.get("client-request-id");
  if (crid && !headers.has("client-request-id")) headers.set("client-request-id", crid);
  let body: BodyInit | undefined;
  if (r.body !== undefined && r.body !== null) {
    const type = headers.get("content-type") ?? "";
    body =
      typeof r.body === "string" && !type.includes("json") ? Buffer.from(r.body, "base64") : JSON.stringify(r.body);
  }
  const method = r.method.toUpperCase();
  const req = new Request(innerUrl(outerUrl, r.url), {
    method,
    headers,
    ...(body !== undefined && method !== "GET" && method !== "HEAD" ? { body } : {}),
  });
  innerBatchRequests.add(req);
  const res = await fetch(req);
  const outHeaders: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (!["content-length", "request-id", "client-request-id", "access-control-allow-origin", "vary"].includes(k))
      outHeaders[k] = v;
  });
  let resBody: unknown = null;
  const type = res.headers.get("content-type") ?? "";
  if (res.status !== 204 && res.body) {
    const buf = Buffer.from(await res.arrayBuffer());
    if (buf.length === 0) resBody = null;
    else if (type.includes("json")) resBody = JSON.parse(buf.toString("utf8"));
    else if (type.startsWith("text/")) resBody = buf.toString("utf8");
    else resBody = buf.toString("base64");
  }
  return { id: r.id, status: res.status, headers: outHeaders, body: resBody };
}

export async function executeBatch(
  c: Context<{ Variables: TenantVariables }>,
  ctx: TenantContext,
  fetch: Fetch,
): Promise<{ responses: InnerResponse[] }> {
  if (innerBatchRequests.has(c.req.raw))
    throw new GraphError(400, "BadRequest", "A batch request cannot contain another $batch request.");
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new GraphError(400, "BadRequest", "Invalid batch payload format: the body is not valid JSON.");
  }
  const requests = validate(raw);
  const responses: InnerResponse[] = [];
  const done = new Map<string, Promise<InnerResponse>>();
  const requestId = c.get("requestId");
  const start = (r: Inner): Promise<InnerResponse> => {
    const existing = done.get(r.id);
    if (existing) return existing;
    const p = (async () => {
      const deps = await Promise.all((r.dependsOn ?? []).map((d) => start(requests.find((x) => x.id === d) as Inner)));
      const failed = deps.find((d) => d.status < 200 || d.status >= 300);
      let res: InnerResponse;
      if (failed) {
        res = {
          id: r.id,
          status: 424,
          headers: { "content-type": "application/json" },
          body: graphErrorBody(
            424,
            "FailedDependency",
            `The dependency '${failed.id}' failed with status ${failed.status}; this request was not executed.`,
            {
              requestId,
              clientRequestId: clientRequestIdOf(c, requestId),
              date: ctx.now(),
            },
          ),
        };
      } else {
        res = await runOne(r, c.req.raw, c.req.url, fetch);
      }
      responses.push(res);
      return res;
    })();
    done.set(r.id, p);
    return p;
  };
  await Promise.all(requests.map(start));
  return { responses };
}

export function register(app: import("../context.js").TenantApp, ctx: TenantContext, fetch: Fetch): void {
  app.post("/$batch", async (c) => c.json(await executeBatch(c, ctx, fetch)));
}
