import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AuthRequiredError } from "../auth/types.js";
import { createApiClient, fileNameOf } from "./client.js";
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

describe("binary answers", () => {
  it("returns the bytes and the file name, retrying a 401 like JSON requests", async () => {
    const seen: (string | null)[] = [];
    const answers = [
      new Response(null, { status: 401 }),
      new Response(new Uint8Array([37, 80, 68, 70]), {
        status: 200,
        headers: { "Content-Disposition": "attachment; filename=\"a.pdf\"; filename*=UTF-8''%E5%8F%8E%E5%8F%97.pdf" },
      }),
    ];
    const client = createApiClient({
      tokens: { getToken: async (o) => (o?.forceRefresh ? "fresh" : "cached") },
      onUnauthorized: () => {},
      lang: () => "ja",
      fetch: async (_input, init) => {
        seen.push(new Headers(init?.headers).get("Authorization"));
        return answers.shift() ?? new Response(null, { status: 500 });
      },
    });
    const answer = await client.blob("/api/x/content");
    expect(seen).toEqual(["Bearer cached", "Bearer fresh"]);
    expect(answer.fileName).toBe("収受.pdf");
    expect(new Uint8Array(await answer.blob.arrayBuffer())).toEqual(new Uint8Array([37, 80, 68, 70]));
  });

  it("turns an error answer into ApiError", async () => {
    const client = createApiClient({
      tokens: { getToken: async () => "t" },
      onUnauthorized: () => {},
      lang: () => "ja",
      fetch: async () =>
        new Response(JSON.stringify({ error: { code: "FORBIDDEN", message: { ja: "権限なし", en: "no" } } }), {
          status: 403,
        }),
    });
    await expect(client.blob("/api/x/content")).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
  });

  it("reads file names from Content-Disposition", () => {
    expect(fileNameOf(null)).toBeNull();
    expect(fileNameOf('attachment; filename="plain.xlsx"')).toBe("plain.xlsx");
    expect(fileNameOf("attachment; filename=bare.pdf")).toBe("bare.pdf");
    expect(fileNameOf("attachment; filename*=UTF-8''%E5%8F%8E%E5%8F%97%E7%B0%BF.xlsx")).toBe("収受簿.xlsx");
    expect(fileNameOf("inline")).toBeNull();
  });
});
