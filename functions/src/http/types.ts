import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { KomuError, Principal } from "@komu/shared";
import type { AppDeps } from "../deps.js";
import type { VerifiedToken } from "../identity/token-validator.js";

export interface KomuVariables {
  requestId: string;
  /** Set by the guard on authenticated routes. */
  principal: Principal;
  token: VerifiedToken;
  /** The caller's raw bearer token (for on-behalf-of Graph calls). */
  bearer: string;
  /** schoolId → display name, from the caller's groups. */
  schoolNames: Record<string, string>;
}

export interface KomuEnv {
  Variables: KomuVariables;
}

export type KomuApp = OpenAPIHono<KomuEnv>;

/** How an endpoint takes a request body. */
export type BodyPolicy =
  /** No body expected; anything sent is ignored (but still size-limited). */
  | { kind: "none"; maxBytes?: number }
  /** A JSON body, validated by the route's zod schema. */
  | { kind: "json"; maxBytes: number; required: boolean }
  /**
   * Raw bytes (a file upload), any Content-Type, required. `maxBytes` may depend on configuration;
   * a bigger body is refused before it is read whole, with `tooLarge` (default PAYLOAD_TOO_LARGE).
   */
  | {
      kind: "binary";
      maxBytes: number | ((deps: AppDeps) => number);
      tooLarge?: (maxBytes: number) => KomuError;
    };

/**
 * One API operation: its OpenAPI route (with zod schemas), whether it needs a bearer token,
 * its body policy, and how it is registered. app.ts builds the route table (404/405, auth,
 * body limits) from these; modules add theirs to the list.
 */
export interface Endpoint {
  route: RouteConfig;
  auth: "required" | "public";
  body: BodyPolicy;
  register(app: KomuApp, deps: AppDeps): void;
}

export const DEFAULT_NO_BODY_LIMIT = 4 * 1024;
