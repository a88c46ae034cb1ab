import { ApiError, errorFromBody, type Lang, networkError } from "../../api/errors.js";
import { type AuthProvider, AuthRequiredError } from "../../auth/types.js";

export interface BytesOptions {
  tokens: Pick<AuthProvider, "getToken">;
  lang: () => Lang;
  onUnauthorized: () => void;
  fetch?: typeof fetch;
  baseUrl?: string;
  /** POST unless told (PUT for a seal image). */
  method?: "POST" | "PUT";
}

const INVALID_RESPONSE = {
  ja: "サーバーから想定外の応答がありました。画面を再読み込みしてください。",
  en: "The server sent an unexpected answer. Please reload the page.",
};

/**
 * POST (or PUT) raw bytes (a PDF to verify, a seal image) and parse the JSON answer with `parse`. Same rules as the JSON
 * client: bearer token, one retry with a fresh token on 401, bilingual errors.
 */
export async function postBytes<T>(
  path: string,
  body: Blob,
  contentType: string,
  parse: (value: unknown) => { success: true; data: T } | { success: false },
  options: BytesOptions,
): Promise<T> {
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const attempt = async (forceRefresh: boolean): Promise<Response> => {
    let token: string;
    try {
      token = await options.tokens.getToken({ forceRefresh });
    } catch (e) {
      if (e instanceof AuthRequiredError) {
        options.onUnauthorized();
        throw errorFromBody(401, undefined);
      }
      throw e;
    }
    try {
      return await fetchImpl(`${options.baseUrl ?? ""}${path}`, {
        method: options.method ?? "POST",
        body,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          "Accept-Language": options.lang(),
          "Content-Type": contentType,
        },
      });
    } catch {
      throw networkError();
    }
  };
  let res = await attempt(false);
  if (res.status === 401) {
    await res.body?.cancel();
    res = await attempt(true);
    if (res.status === 401) options.onUnauthorized();
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) throw errorFromBody(res.status, json);
  const parsed = parse(json);
  if (!parsed.success) throw new ApiError(res.status, "INVALID_RESPONSE", INVALID_RESPONSE);
  return parsed.data;
}
