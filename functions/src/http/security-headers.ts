import type { MiddlewareHandler } from "hono";

/**
 * Security headers for API answers: no sniffing, no caching of personal data, no framing, no
 * referrer, a CSP that forbids everything (JSON needs nothing). HTML pages (the API reference)
 * set their own, narrower CSP before this runs and keep it.
 */
export function apiSecurityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
    if (!h.has("Content-Security-Policy"))
      h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (options.hsts) h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  };
}
