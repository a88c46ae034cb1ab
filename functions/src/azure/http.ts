/**
 * Azure Functions HTTP ⇄ web Request/Response, so the one Hono app serves the catch-all
 * `app.http("api", { route: "{*path}" })` unchanged.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";

export interface FetchApp {
  fetch(request: Request): Response | Promise<Response>;
}

const NO_BODY = new Set(["GET", "HEAD"]);

export async function toWebRequest(request: HttpRequest): Promise<Request> {
  const method = request.method.toUpperCase();
  const headers = new Headers();
  for (const [key, value] of request.headers) headers.append(key, value);
  const body = NO_BODY.has(method) ? undefined : new Uint8Array(await request.arrayBuffer());
  return new Request(request.url, { method, headers, ...(body && body.byteLength > 0 ? { body } : {}) });
}

export async function toHttpResponseInit(response: Response): Promise<HttpResponseInit> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
  return { status: response.status, headers, ...(body ? { body } : {}) };
}

/** The HTTP trigger's handler: builds the app once (lazily, on the first request) and forwards every request. */
export function createHttpHandler(getApp: () => Promise<FetchApp>) {
  let app: Promise<FetchApp> | undefined;
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    app ??= getApp().catch((error: unknown) => {
      app = undefined;
      throw error;
    });
    try {
      const response = await (await app).fetch(await toWebRequest(request));
      return await toHttpResponseInit(response);
    } catch (error) {
      // Start-up failures (bad configuration, storage unreachable) — never leak details.
      context.error("Kōmu could not handle the request", error);
      return {
        status: 503,
        headers: { "content-type": "application/json; charset=utf-8", "retry-after": "30" },
        jsonBody: {
          error: {
            code: "UPSTREAM_UNAVAILABLE",
            message: {
              ja: "サーバーを起動できませんでした。しばらくしてからやり直してください。",
              en: "The server could not start. Please try again shortly.",
            },
            requestId: context.invocationId,
          },
        },
      };
    }
  };
}
