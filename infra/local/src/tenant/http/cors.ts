/** CORS for browser callers: Kōmu's origin (the tab calls the token endpoint), and localhost. */
import { cors } from "hono/cors";
import type { TenantConfig } from "../context.js";

export function isLocalOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (
      (u.protocol === "http:" || u.protocol === "https:") && ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname)
    );
  } catch {
    return false;
  }
}

export function tenantCors(config: Pick<TenantConfig, "komuOrigin">) {
  return cors({
    origin: (origin) => (origin && (origin === config.komuOrigin || isLocalOrigin(origin)) ? origin : null),
    allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    exposeHeaders: [
      "request-id",
      "client-request-id",
      "Retry-After",
      "ETag",
      "Location",
      "WWW-Authenticate",
      "Content-Range",
    ],
    credentials: false,
    maxAge: 600,
  });
}
