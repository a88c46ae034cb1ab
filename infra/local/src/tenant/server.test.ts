import { connect as tlsConnect } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appToken, graphFetch, startTestTenant } from "./contract/fixture.js";
import { KNOWN_USERS } from "./seed/known.js";
import type { RunningTenant } from "./server.js";

let tenant: RunningTenant;
let token: string;

beforeAll(async () => {
  tenant = await startTestTenant();
  token = await appToken(tenant);
});
afterAll(async () => {
  await tenant?.stop();
});

describe("local tenant server", () => {
  it("speaks HTTPS and plain HTTP on the same port", async () => {
    const https = await fetch(`${tenant.origin}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`);
    const http = await fetch(`${tenant.httpOrigin}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(https.status).toBe(200);
    expect(http.status).toBe(200);
    expect(new URL(tenant.origin).port).toBe(new URL(tenant.httpOrigin).port);
    const httpsDoc = (await https.json()) as { token_endpoint: string; issuer: string };
    const httpDoc = (await http.json()) as { token_endpoint: string; issuer: string };
    expect(httpsDoc.token_endpoint.startsWith(tenant.origin)).toBe(true);
    expect(httpDoc.token_endpoint.startsWith(tenant.httpOrigin)).toBe(true);
    expect(httpsDoc.issuer).toBe(tenant.issuer);
  });

  it("presents the dev certificate for localhost", async () => {
    const authorized = await new Promise<boolean>((resolve, reject) => {
      const s = tlsConnect({ host: "localhost", port: tenant.port, servername: "localhost" }, () => {
        resolve(s.authorized);
        s.end();
      });
      s.on("error", reject);
    });
    expect(authorized).toBe(true);
  });

  it("GET /v1.0/users?$top=5 with a client-credentials token returns five users and a working nextLink", async () => {
    const res = await graphFetch(tenant, token, "/v1.0/users?$top=5");
    expect(res.status).toBe(200);
    expect(res.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const page = (await res.json()) as {
      "@odata.context": string;
      "@odata.nextLink": string;
      value: { id: string; userPrincipalName: string }[];
    };
    expect(page["@odata.context"]).toBe(`${tenant.origin}/v1.0/$metadata#users`);
    expect(page.value).toHaveLength(5);
    expect(page["@odata.nextLink"].startsWith(`${tenant.origin}/v1.0/users?`)).toBe(true);
    const next = (await (await graphFetch(tenant, token, page["@odata.nextLink"])).json()) as {
      value: { id: string }[];
    };
    expect(next.value).toHaveLength(5);
    const ids = new Set([...page.value, ...next.value].map((u) => u.id));
    expect(ids.size).toBe(10);
  });

  it("walks all users page by page (default 100 per page, $top at most 999)", async () => {
    let url: string | undefined = "/v1.0/users";
    const seen = new Set<string>();
    let pages = 0;
    while (url) {
      const body = (await (await graphFetch(tenant, token, url)).json()) as {
        value: { id: string }[];
        "@odata.nextLink"?: string;
      };
      expect(body.value.length).toBeLessThanOrEqual(100);
      for (const u of body.value) seen.add(u.id);
      url = body["@odata.nextLink"];
      pages++;
    }
    expect(seen.size).toBe(tenant.ctx.store.collection("users").size);
    expect(pages).toBe(Math.ceil(seen.size / 100));
    const tooMany = await graphFetch(tenant, token, "/v1.0/users?$top=1000");
    expect(tooMany.status).toBe(400);
  });

  it("without a token: 401 InvalidAuthenticationToken in Graph's error shape", async () => {
    const res = await graphFetch(tenant, undefined, "/v1.0/users", { headers: { "client-request-id": "abc-123" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(res.headers.get("client-request-id")).toBe("abc-123");
    const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe("InvalidAuthenticationToken");
    expect(body.error.innerError["request-id"]).toBe(res.headers.get("request-id"));
    expect(body.error.innerError["client-request-id"]).toBe("abc-123");
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it("refuses a tampered token and a token for another audience", async () => {
    const [h, p, s] = token.split(".");
    const tampered = `${h}.${p}.${(s as string).slice(0, -4)}AAAA`;
    expect((await graphFetch(tenant, tampered, "/v1.0/users")).status).toBe(401);
    const botToken = await appToken(tenant, "https://api.botframework.com/.default");
    const res = await graphFetch(tenant, botToken, "/v1.0/users");
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/audience/i);
  });

  it("unknown Graph segments give 400 BadRequest like Graph; unknown users 404", async () => {
    const res = await graphFetch(tenant, token, "/v1.0/nothingHere");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("nothingHere");
    const missing = await graphFetch(tenant, token, "/v1.0/users/00000000-0000-0000-0000-000000000000");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("Request_ResourceNotFound");
  });

  it("answers CORS preflights for Kōmu's origin", async () => {
    const res = await fetch(`${tenant.httpOrigin}/${tenant.tenantId}/oauth2/v2.0/token`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:7071",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:7071");
    const evil = await fetch(`${tenant.httpOrigin}/${tenant.tenantId}/oauth2/v2.0/token`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("records stats per api route pattern and resets them", async () => {
    await fetch(`${tenant.origin}/_emulator/stats/reset`, { method: "POST" });
    await graphFetch(tenant, token, `/v1.0/users/${KNOWN_USERS.aobaTeacher.id}`);
    await graphFetch(tenant, token, `/v1.0/users/${KNOWN_USERS.aobaNurse.upn}`);
    await graphFetch(tenant, undefined, "/v1.0/users");
    const stats = (await (await fetch(`${tenant.origin}/_emulator/stats`)).json()) as {
      apis: Record<string, { requests: number; errors: number }>;
      totals: { requests: number };
    };
    expect(stats.apis["GET /v1.0/users/:id"]?.requests).toBe(2);
    expect(stats.apis["GET /v1.0/users"]?.errors).toBe(1);
    expect(stats.totals.requests).toBe(3);
  });

  it("PATCH /_emulator/config validates and applies", async () => {
    const bad = await fetch(`${tenant.origin}/_emulator/config`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ faultRate: 3 }),
    });
    expect(bad.status).toBe(400);
    const ok = await fetch(`${tenant.origin}/_emulator/config`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ throttle: "off" }),
    });
    expect(await ok.json()).toEqual({ throttle: "off", faultRate: 0 });
    expect(tenant.ctx.config.throttle).toBe("off");
    await fetch(`${tenant.origin}/_emulator/config`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ throttle: "documented" }),
    });
  });
});
