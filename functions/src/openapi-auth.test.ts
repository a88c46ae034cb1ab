/**
 * Acceptance: for EVERY operation in /api/openapi.json except health, openapi, docs and the bot's
 * messages endpoint, each bad token gets 401 with WWW-Authenticate, and the handler never runs.
 * The list comes from the document itself, so routes added later are covered automatically.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, USERS } from "./http/test-app.js";
import type { BadToken } from "./identity/test-issuer.js";

const PUBLIC_PATHS = new Set(["/api/health", "/api/openapi.json", "/api/docs", "/api/messages"]);
/** Guardians' survey links (no Microsoft 365 account; the signed link is the credential) live under /api/public/. */
const PUBLIC_PREFIX = "/api/public/";
const PUBLIC = { has: (path: string) => PUBLIC_PATHS.has(path) || path.startsWith(PUBLIC_PREFIX) };
const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const BAD: BadToken[] = [
  "none",
  "unknownKey",
  "algNone",
  "expired",
  "wrongAudience",
  "wrongTenant",
  "wrongIssuer",
  "hs256",
];

let t: TestApp;
let operations: { method: string; path: string; url: string; security: unknown }[] = [];
let tokens: Record<BadToken, string | undefined>;

beforeAll(async () => {
  t = await startTestApp();
  const doc = (await (await t.app.request("/api/openapi.json")).json()) as {
    paths: Record<string, Record<string, { security?: unknown }>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({
      method,
      path,
      // Any value fits a path parameter: authentication comes before validation.
      url: path.replace(/\{[^}]+\}/g, "3f786850e387550fdab836ed7e6dc881de23001b"),
      security: item[method]?.security,
    })),
  );
  // An admin's tokens: the strongest principal, so a pass could only come from a validation gap.
  tokens = await t.issuer.badTokens(USERS.admin);
});
afterAll(() => t.stop());

describe("every protected operation refuses bad tokens", () => {
  it("the document lists the protected operations", () => {
    const protectedOps = operations.filter((o) => !PUBLIC.has(o.path));
    expect(protectedOps.length).toBeGreaterThanOrEqual(7);
    for (const op of protectedOps) expect(op.security, `${op.method} ${op.path}`).toEqual([{ bearerAuth: [] }]);
    // What /api/public/ serves says so in the document (no bearer token).
    for (const op of operations.filter((o) => o.path.startsWith(PUBLIC_PREFIX)))
      expect(op.security, `${op.method} ${op.path}`).toEqual([]);
  });

  it.each(BAD)("%s → 401 on every protected operation", async (kind) => {
    const protectedOps = operations.filter((o) => !PUBLIC.has(o.path));
    const outcomes: string[] = [];
    for (const op of protectedOps) {
      const token = tokens[kind];
      const res = await t.app.request(`${op.url}${op.path === "/api/audit/verify" ? "?schoolId=aoba-e" : ""}`, {
        method: op.method.toUpperCase(),
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(op.method === "get" ? {} : { "content-type": "application/json" }),
        },
        ...(op.method === "get" ? {} : { body: "{}" }),
      });
      const body = (await res.json()) as { error?: { code?: string } };
      const challenge = res.headers.get("www-authenticate") ?? "";
      outcomes.push(
        `${op.method.toUpperCase()} ${op.path}: ${res.status} ${body.error?.code} ${challenge.startsWith('Bearer realm="komu"')}`,
      );
    }
    expect(outcomes).toEqual(outcomes.map((o) => o.replace(/: .*$/, ": 401 UNAUTHENTICATED true")));
    expect(t.replays).toEqual([]);
  });

  it("the same operations accept a good token (the 401s are about the token)", async () => {
    const good = await t.tokenFor(USERS.admin);
    for (const op of operations.filter((o) => !PUBLIC.has(o.path) && o.method === "get")) {
      const res = await t.app.request(`${op.url}${op.path === "/api/audit/verify" ? "?schoolId=aoba-e" : ""}`, {
        headers: { authorization: `Bearer ${good}` },
      });
      expect(res.status, `${op.method} ${op.path}`).not.toBe(401);
    }
  });
});
