import { KomuError } from "@komu/shared";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { Logger } from "../deps.js";
import { createErrorHandler } from "./errors.js";

function appThrowing(error: Error) {
  const logs: { level: string; message: string; data?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    info: (message, data) => logs.push({ level: "info", message, data }),
    warn: (message, data) => logs.push({ level: "warn", message, data }),
    error: (message, data) => logs.push({ level: "error", message, data }),
  };
  const app = new Hono<{ Variables: { requestId: string } }>();
  app.use("*", async (c, next) => {
    c.set("requestId", "req-1");
    await next();
  });
  app.get("/x", () => {
    throw error;
  });
  app.onError(createErrorHandler(logger, { authorizationUri: "https://login.example/t/oauth2/v2.0/authorize" }));
  return { app, logs };
}

// biome-ignore lint/suspicious/noExplicitAny: error bodies are inspected loosely
type Json = any;

describe("error renderer", () => {
  it.each([
    [
      "UPSTREAM_UNAVAILABLE",
      new KomuError("UPSTREAM_UNAVAILABLE", {
        details: { issuer: "https://login.example/secret-tenant/v2.0", step: "jwks", status: 500 },
        retryAfter: 10,
      }),
      503,
    ],
    [
      "CONFIGURATION_INVALID",
      new KomuError("CONFIGURATION_INVALID", {
        details: { issuer: "https://login.example/secret-tenant/v2.0", problem: "OpenID metadata does not match" },
      }),
      500,
    ],
    ["INTERNAL", new KomuError("INTERNAL", { details: { graphCode: "Authorization_RequestDenied" } }), 500],
  ] as const)("a %s answer carries no details; the server log keeps them", async (code, error, status) => {
    const { app, logs } = appThrowing(error);
    const res = await app.request("/x");
    expect(res.status).toBe(status);
    const body = (await res.json()) as Json;
    expect(body).toEqual({ error: { code, message: ERROR_TEXT(code), requestId: "req-1" } });
    expect(JSON.stringify(body)).not.toContain("secret-tenant");
    expect(JSON.stringify(body)).not.toContain("Authorization_RequestDenied");
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: "error", data: { requestId: "req-1", code, details: error.details } });
    if (error.retryAfter !== undefined) expect(res.headers.get("retry-after")).toBe(String(error.retryAfter));
  });

  it("a 5xx keeps its own message but not its details", async () => {
    const { app } = appThrowing(
      new KomuError("UPSTREAM_UNAVAILABLE", {
        message: { ja: "一時的に利用できません。", en: "Temporarily unavailable." },
        details: { operation: "memberGroupsOf", graphCode: "serviceNotAvailable" },
      }),
    );
    const body = (await (await app.request("/x")).json()) as Json;
    expect(body.error.message).toEqual({ ja: "一時的に利用できません。", en: "Temporarily unavailable." });
    expect(body.error.details).toBeUndefined();
  });

  it("4xx answers keep their details (the caller can act on them)", async () => {
    const { app, logs } = appThrowing(
      new KomuError("VALIDATION_FAILED", { details: { issues: [{ path: ["title"], message: "required" }] } }),
    );
    const res = await app.request("/x");
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error.details).toEqual({ issues: [{ path: ["title"], message: "required" }] });
    expect(logs).toHaveLength(0);
  });

  it("an unexpected error is a 500 INTERNAL without internals", async () => {
    const { app, logs } = appThrowing(new Error("connection string AccountKey=abc"));
    const res = await app.request("/x");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("AccountKey");
    expect(JSON.parse(text).error.code).toBe("INTERNAL");
    expect(logs[0]?.data?.error).toMatchObject({ message: "connection string AccountKey=abc" });
  });
});

function ERROR_TEXT(code: "UPSTREAM_UNAVAILABLE" | "CONFIGURATION_INVALID" | "INTERNAL") {
  const e = new KomuError(code);
  return e.text;
}
