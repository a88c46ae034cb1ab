/**
 * The contract between the local tenant's core (server, store, identity, limits) and its route
 * modules (graph/*, bot/*, teams/*). Every route module exports
 *   export function register(app: TenantApp, ctx: TenantContext): void
 * and is mounted by server.ts. Graph modules register paths relative to `/v1.0`.
 */
import type { Hono } from "hono";

export interface TenantConfig {
  tenantId: string;
  /** https origin, e.g. https://localhost:7072 — what production code is configured with. */
  origin: string;
  /** the same port over plain http, for browsers. */
  httpOrigin: string;
  /** `${origin}/${tenantId}/v2.0` */
  issuer: string;
  devPassword: string;
  /** Kōmu's own app registration (the API audience, SSO). */
  komuApp: { clientId: string; clientSecret: string; audiences: string[]; appIdUri: string };
  /** The bot registration. messagingEndpoint is Kōmu's POST /api/messages. */
  bot: { appId: string; password: string; messagingEndpoint: string };
  /** Where the Teams client loads Kōmu's tabs from (Kōmu's origin, e.g. http://localhost:7071). */
  komuOrigin: string;
  throttle: "documented" | "off";
  /** 0..1 */
  faultRate: number;
  /** Absent: in memory only. */
  dataDir: string | undefined;
}

/** Who called a Graph/Bot endpoint, from the validated bearer token. */
export interface Caller {
  appId: string;
  /** present for delegated (user) tokens */
  userId?: string;
  scopes: string[];
  roles: string[];
}

export interface Store {
  /** A named, persisted collection. Values must be JSON-serialisable. */
  collection<T>(name: string): Map<string, T>;
  blobs: {
    put(id: string, data: Uint8Array): void;
    get(id: string): Uint8Array | undefined;
    delete(id: string): void;
  };
  /** Call after any mutation: schedules persistence (no-op in memory mode). */
  changed(): void;
}

export type SharePointCost = "read" | "readMulti" | "write" | "permission";

export interface Limits {
  /** Charge SharePoint resource units for this request (1/2/2/5 RU); throws a 429 GraphError when over budget. */
  sharePoint(appId: string, cost: SharePointCost, api: string): void;
  /** Bot Connector rate limits per thread and per tenant; throws a 429 when over. */
  bot(conversationId: string, api: string): void;
}

export interface Stats {
  record(api: string, status: number, ru?: number): void;
  snapshot(): Record<string, { requests: number; resourceUnits: number; throttled: number; errors: number }>;
  reset(): void;
}

export interface TenantContext {
  config: TenantConfig;
  store: Store;
  limits: Limits;
  stats: Stats;
  /** Signs tokens with the current issuer key (RS256, kid set). */
  signToken(claims: Record<string, unknown>, options?: { expiresInSeconds?: number }): Promise<string>;
  /** Event bus (e.g. "activity" for the Teams client's live chat). */
  bus: import("node:events").EventEmitter;
  now(): Date;
}

export interface TenantVariables {
  caller: Caller;
  requestId: string;
}

export type TenantApp = Hono<{ Variables: TenantVariables }>;

/** Throw this from any route module; the core renders Graph's error body. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "GraphError";
  }
}
