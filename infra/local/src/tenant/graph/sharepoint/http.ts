/** Small request helpers shared by the SharePoint handlers. */
import type { Context } from "hono";
import {
  type Caller,
  GraphError,
  type SharePointCost,
  type TenantContext,
  type TenantVariables,
} from "../../context.js";
import type { IdentitySet } from "./model.js";

export type Ctx = Context<{ Variables: TenantVariables }>;

export function callerOf(c: Ctx): Caller {
  const caller = c.get("caller");
  if (!caller) throw new GraphError(401, "unauthenticated", "Access token is empty.");
  return caller;
}

/** Charges SharePoint resource units before any work (throws 429 when over budget). */
export function charge(ctx: TenantContext, c: Ctx, cost: SharePointCost, api: string): Caller {
  const caller = callerOf(c);
  ctx.limits.sharePoint(caller.appId, cost, api);
  return caller;
}

interface UserLike {
  id?: string;
  displayName?: string;
  mail?: string | null;
  userPrincipalName?: string;
}

export function appDisplayName(ctx: TenantContext, appId: string): string {
  if (appId === ctx.config.komuApp.clientId) return "Kōmu";
  if (appId === ctx.config.bot.appId) return "Kōmu Bot";
  return appId;
}

/** createdBy/lastModifiedBy for the caller: the user for delegated tokens, else the application. */
export function identityOf(ctx: TenantContext, caller: Caller): IdentitySet {
  if (caller.userId) {
    const user = ctx.store.collection<UserLike>("users").get(caller.userId);
    const email = user?.mail ?? user?.userPrincipalName;
    return {
      user: { id: caller.userId, displayName: user?.displayName ?? caller.userId, ...(email ? { email } : {}) },
    };
  }
  // SharePoint reports app-only changes with both facets.
  return {
    application: { id: caller.appId, displayName: appDisplayName(ctx, caller.appId) },
    user: { displayName: "SharePoint App" },
  };
}

export async function readJson(c: Ctx): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new GraphError(
      400,
      "invalidRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new GraphError(400, "invalidRequest", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

export const metadataUrl = (ctx: TenantContext, fragment: string) => `${ctx.config.origin}/v1.0/$metadata#${fragment}`;

export type ConflictBehavior = "fail" | "replace" | "rename";

export function conflictBehavior(value: unknown, fallback: ConflictBehavior): ConflictBehavior {
  if (value === undefined || value === null || value === "") return fallback;
  if (value === "fail" || value === "replace" || value === "rename") return value;
  throw new GraphError(
    400,
    "invalidRequest",
    `Invalid value '${String(value)}' for @microsoft.graph.conflictBehavior (fail, replace or rename).`,
  );
}

export function queryParam(c: Ctx, name: string): string | undefined {
  const url = new URL(c.req.url);
  return (
    url.searchParams.get(name) ?? url.searchParams.get(name.startsWith("$") ? name.slice(1) : `$${name}`) ?? undefined
  );
}

export function notFound(message = "The resource could not be found."): GraphError {
  return new GraphError(404, "itemNotFound", message);
}

export function badRequest(message: string): GraphError {
  return new GraphError(400, "invalidRequest", message);
}

const INVALID_NAME = /["*:<>?/\\|]/;

/** SharePoint's file and folder name rules. */
export function validateName(name: unknown): string {
  if (typeof name !== "string" || name.trim() === "") throw badRequest("The name of the item is missing.");
  if (INVALID_NAME.test(name) || name !== name.trim() || name.endsWith(".") || name.length > 400) {
    throw badRequest(`The provided name '${name}' contains invalid characters or is not allowed.`);
  }
  return name;
}

/** One request as seen by the SharePoint dispatcher. */
export interface Req {
  c: Ctx;
  ctx: TenantContext;
  method: string;
  url: URL;
}

export function methodNotAllowed(): GraphError {
  return new GraphError(405, "notAllowed", "The HTTP method is not supported on this resource.");
}

export function json(_c: Ctx, body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type":
        "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8",
      ...headers,
    },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function prefers(c: Ctx, token: string): boolean {
  const header = c.req.header("Prefer") ?? "";
  return header
    .split(/[,;]/)
    .map((s) => s.trim().toLowerCase())
    .includes(token.toLowerCase());
}
