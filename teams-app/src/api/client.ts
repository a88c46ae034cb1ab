import type { z } from "zod";
import { type AuthProvider, AuthRequiredError } from "../auth/types.js";
import { ApiError, errorFromBody, type Lang, networkError } from "./errors.js";

export interface ApiClientOptions {
  tokens: Pick<AuthProvider, "getToken">;
  /** Called when the API still answers 401 after a fresh token, or no token can be had: re-authenticate. */
  onUnauthorized: () => void;
  lang: () => Lang;
  /** Same origin by default: the API lives under /api next to the tab. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface ApiClient {
  get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>>;
  send<T extends z.ZodType>(
    method: string,
    path: string,
    body: unknown,
    schema: T,
    headers?: Record<string, string>,
  ): Promise<z.infer<T>>;
  /** A binary answer (a file to open or download), with the file name from Content-Disposition. */
  blob(path: string): Promise<BlobAnswer>;
}

export interface BlobAnswer {
  blob: Blob;
  /** From Content-Disposition (filename* preferred), or null. */
  fileName: string | null;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const base = options.baseUrl ?? "";

  const unauthenticated = (body?: unknown): ApiError => {
    options.onUnauthorized();
    return errorFromBody(401, body ?? { error: { code: "UNAUTHENTICATED", message: UNAUTHENTICATED } });
  };

  async function attempt(init: RequestInit, path: string, forceRefresh: boolean): Promise<Response> {
    let token: string;
    try {
      token = await options.tokens.getToken({ forceRefresh });
    } catch (e) {
      if (e instanceof AuthRequiredError) throw unauthenticated();
      throw e;
    }
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${token}`);
    if (!headers.has("Accept")) headers.set("Accept", "application/json");
    headers.set("Accept-Language", options.lang());
    try {
      return await fetchImpl(`${base}${path}`, { ...init, headers });
    } catch {
      throw networkError();
    }
  }

  async function respond(init: RequestInit, path: string): Promise<Response> {
    const res = await attempt(init, path, false);
    if (res.status !== 401) return res;
    await res.body?.cancel();
    const again = await attempt(init, path, true); // the cached token may have just expired or keys rotated
    if (again.status === 401) throw unauthenticated(await readJson(again));
    return again;
  }

  async function request<T extends z.ZodType>(init: RequestInit, path: string, schema: T): Promise<z.infer<T>> {
    const res = await respond(init, path);
    const body = await readJson(res);
    if (!res.ok) throw errorFromBody(res.status, body);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ApiError(res.status, "INVALID_RESPONSE", INVALID_RESPONSE);
    return parsed.data;
  }

  return {
    get: (path, schema) => request({ method: "GET" }, path, schema),
    send: (method, path, body, schema, headers = {}) =>
      request(
        { method, body: JSON.stringify(body), headers: { "Content-Type": "application/json", ...headers } },
        path,
        schema,
      ),
    blob: async (path) => {
      const res = await respond({ method: "GET", headers: { Accept: "*/*" } }, path);
      if (!res.ok) throw errorFromBody(res.status, await readJson(res));
      return { blob: await res.blob(), fileName: fileNameOf(res.headers.get("Content-Disposition")) };
    },
  };
}

/** The file name of a Content-Disposition header: RFC 5987 `filename*=UTF-8''…` first, else `filename="…"`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(disposition);
  const value = plain?.[1] ?? plain?.[2];
  return value ? value.trim() : null;
}

const UNAUTHENTICATED = {
  ja: "サインインが必要です。もう一度サインインしてください。",
  en: "Sign-in is required. Please sign in again.",
};
const INVALID_RESPONSE = {
  ja: "サーバーから想定外の応答がありました。画面を再読み込みしてください。",
  en: "The server sent an unexpected answer. Please reload the page.",
};
