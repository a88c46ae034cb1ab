import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AuthRequiredError } from "../auth/types.js";
import { createApiClient } from "./client.js";
import { ApiError } from "./errors.js";

type Answer = { status: number; body?: unknown };

function setup(answers: Answer[], tokens: (force: boolean) => Promise<string> = async (f) => (f ? "fresh" : "cached")) {
  const seen: { url: string; auth: string | null; lang: string | null; method: string }[] = [];
  let unauthorized = 0;
  const client = createApiClient({
    tokens: { getToken: (o) => tokens(o?.forceRefresh ?? false) },
    onUnauthorized: () => unauthorized++,
    lang: () => "en",
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      seen.push({
        url: String(input),
        auth: headers.get("Authorization"),
        lang: headers.get("Accept-Language"),
        method: init?.method ?? "GET",
      });
      const answer = answers.shift() ?? { status: 500 };
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
    },
  });
  return { client, seen, unauthorized: () => unauthorized };
}

const Ok = z.object({ ok: z.boolean() });
const unauthorizedBody = {
  error: { code: "UNAUTHENTICATED", message: { ja: "サインインが必要です。", en: "Sign in." } },
};

describe("API client", () => {
  it("sends the bearer token and the UI language, and parses with the schema", async () => {
    const t = setup([{ status: 200, body: { ok: true, extra: 1 } }]);
    expect(await t.client.get("/api/me", Ok)).toEqual({ ok: true });
    expect(t.seen).toEqual([{ url: "/api/me", auth: "Bearer cached", lang: "en", method: "GET" }]);
  });

  it("retries a 401 once with a fresh token", async () => {
    const t = setup([
      { status: 401, body: unauthorizedBody },
      { status: 200, body: { ok: true } },
    ]);
    expect(await t.client.get("/api/tasks", Ok)).toEqual({ ok: true });
    expect(t.seen.map((s) => s.auth)).toEqual(["Bearer cached", "Bearer fresh"]);
    expect(t.unauthorized()).toBe(0);
  });

  it("asks to re-authenticate when the fresh token is refused too", async () => {
    const t = setup([{ status: 401 }, { status: 401, body: unauthorizedBody }]);
    const error = await t.client.get("/api/me", Ok).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).messageIn("ja")).toBe("サインインが必要です。");
    expect(t.unauthorized()).toBe(1);
  });

  it("asks to re-authenticate without calling the API when no token can be had", async () => {
    const t = setup([], async () => {
      throw new AuthRequiredError();
    });
    await expect(t.client.get("/api/me", Ok)).rejects.toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    expect(t.seen).toHaveLength(0);
    expect(t.unauthorized()).toBe(1);
  });

  it("turns error bodies into ApiError and rejects unexpected shapes", async () => {
    const t = setup([
      {
        status: 403,
        body: { error: { code: "FORBIDDEN", message: { ja: "権限がありません。", en: "No permission." } } },
      },
      { status: 200, body: { ok: "yes" } },
    ]);
    await expect(t.client.get("/api/x", Ok)).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
    await expect(t.client.get("/api/x", Ok)).rejects.toMatchObject({ code: "INVALID_RESPONSE" });
  });

  it("reports a network failure as NETWORK", async () => {
    const client = createApiClient({
      tokens: { getToken: async () => "t" },
      onUnauthorized: () => {},
      lang: () => "ja",
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await expect(client.get("/api/me", Ok)).rejects.toMatchObject({ code: "NETWORK", status: 0 });
  });

  it("sends JSON bodies with send()", async () => {
    const t = setup([{ status: 200, body: { ok: true } }]);
    await t.client.send("POST", "/api/things", { a: 1 }, Ok, { "Idempotency-Key": "k1" });
    expect(t.seen[0]?.method).toBe("POST");
  });
});
