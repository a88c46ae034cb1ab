import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError } from "../../api/errors.js";
import { postBytes } from "./post-bytes.js";

const Answer = z.object({ kind: z.string() });
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

function setup(responses: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFake = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = responses.shift();
    if (!next) throw new Error("no more responses");
    return next;
  });
  const getToken = vi.fn(async ({ forceRefresh }: { forceRefresh?: boolean } = {}) =>
    forceRefresh ? "fresh" : "cached",
  );
  const onUnauthorized = vi.fn();
  const options = { tokens: { getToken }, lang: () => "en" as const, onUnauthorized, fetch: fetchFake as typeof fetch };
  return { calls, getToken, onUnauthorized, options };
}

describe("postBytes", () => {
  it("sends the bytes with the token, type and language, and parses the answer", async () => {
    const { calls, options } = setup([json(200, { kind: "unknown" })]);
    const body = new Blob([new Uint8Array([37, 80, 68, 70])]);
    const answer = await postBytes(
      "/api/approvals/verify",
      body,
      "application/pdf",
      (v) => Answer.safeParse(v),
      options,
    );
    expect(answer).toEqual({ kind: "unknown" });
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(calls[0]?.url).toBe("/api/approvals/verify");
    expect(headers.Authorization).toBe("Bearer cached");
    expect(headers["Content-Type"]).toBe("application/pdf");
    expect(headers["Accept-Language"]).toBe("en");
    expect(calls[0]?.init.body).toBe(body);
  });

  it("PUTs when told (a seal image)", async () => {
    const { calls, options } = setup([json(200, { kind: "seal" })]);
    await postBytes("/api/schools/s/approval-seal", new Blob([]), "image/png", (v) => Answer.safeParse(v), {
      ...options,
      method: "PUT",
    });
    expect(calls[0]?.init.method).toBe("PUT");
    const headers = calls[0]?.init.headers as Record<string, string> | undefined;
    expect(headers?.["Content-Type"]).toBe("image/png");
  });

  it("retries once with a fresh token after a 401", async () => {
    const { calls, onUnauthorized, options } = setup([json(401, {}), json(200, { kind: "komu-sealed" })]);
    await postBytes("/x", new Blob([]), "application/pdf", (v) => Answer.safeParse(v), options);
    const headers = calls[1]?.init.headers as Record<string, string> | undefined;
    expect(headers?.Authorization).toBe("Bearer fresh");
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("turns a refusal into the server's bilingual error", async () => {
    const { options } = setup([
      json(400, { error: { code: "PDF_ENCRYPTED", message: { ja: "暗号化", en: "Encrypted" } } }),
    ]);
    const failure = await postBytes("/x", new Blob([]), "application/pdf", (v) => Answer.safeParse(v), options).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe("PDF_ENCRYPTED");
    expect((failure as ApiError).status).toBe(400);
  });

  it("refuses an answer of the wrong shape", async () => {
    const { options } = setup([json(200, { nothing: true })]);
    await expect(
      postBytes("/x", new Blob([]), "application/pdf", (v) => Answer.safeParse(v), options),
    ).rejects.toMatchObject({ code: "INVALID_RESPONSE" });
  });
});
