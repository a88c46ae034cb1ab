/**
 * Pre-authenticated, short-lived download URLs (`@microsoft.graph.downloadUrl`, the Location
 * of `GET …/content`): an HMAC-signed token naming the item and version, valid one hour.
 * Served at the tenant root by `registerPublic` (no Authorization header needed).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { TenantContext } from "../../context.js";
import { COLLECTIONS, type DriveItemRecord } from "./model.js";

export const DOWNLOAD_PATH = "/_layouts/15/download.aspx";
const TTL_SECONDS = 3600;

export interface DownloadClaims {
  d: string;
  i: string;
  v: string;
  exp: number;
}

/** Per-tenant secret for pre-authenticated URLs (persisted with the store). */
export function tenantSecret(ctx: TenantContext): string {
  const meta = ctx.store.collection<string>(COLLECTIONS.meta);
  let secret = meta.get("urlSecret");
  if (!secret) {
    secret = randomBytes(32).toString("hex");
    meta.set("urlSecret", secret);
    ctx.store.changed();
  }
  return secret;
}

export function signPayload(ctx: TenantContext, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const mac = createHmac("sha256", tenantSecret(ctx)).update(body).digest("base64url");
  return `${body}.${mac}`;
}

export function verifyPayload<T>(ctx: TenantContext, token: string): T | undefined {
  const [body, mac] = token.split(".");
  if (!body || !mac) return undefined;
  const expected = createHmac("sha256", tenantSecret(ctx)).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T;
  } catch {
    return undefined;
  }
}

export function downloadUrl(ctx: TenantContext, item: DriveItemRecord, versionId?: string): string {
  const version = versionId ?? item.versions[item.versions.length - 1]?.id ?? "1.0";
  const claims: DownloadClaims = {
    d: item.driveId,
    i: item.id,
    v: version,
    exp: Math.floor(ctx.now().getTime() / 1000) + TTL_SECONDS,
  };
  const token = signPayload(ctx, claims);
  return `${ctx.config.origin}${DOWNLOAD_PATH}?UniqueId=${encodeURIComponent(item.uniqueId)}&tempauth=${encodeURIComponent(token)}`;
}
