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
    headers.set("Accept", "application/json");
    headers.set("Accept-Language", options.lang());
    try {
      return await fetchImpl(`${base}${path}`, { ...init, headers });
    } catch {
      throw networkError();
    }
  }

  async function request<T extends z.ZodType>(init: RequestInit, path: string, schema: T): Promise<z.infer<T>> {
    let res = await attempt(init, path, false);
    if (res.status === 401) {
      await res.body?.cancel();
      res = await attempt(init, path, true); // the cached token may have just expired or keys rotated
      if (res.status === 401) throw unauthenticated(await readJson(res));
    }
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
  };
}

const UNAUTHENTICATED = {
  ja: "サインインが必要です。もう一度サインインしてください。",
  en: "Sign-in is required. Please sign in again.",
};
const INVALID_RESPONSE = {
  ja: "サーバーから想定外の応答がありました。画面を再読み込みしてください。",
  en: "The server sent an unexpected answer. Please reload the page.",
};
