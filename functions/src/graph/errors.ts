import { isKomuError, KomuError } from "@komu/shared";

interface GraphLikeError {
  statusCode?: number;
  code?: string | null;
  message?: string;
  headers?: Headers | Record<string, string>;
  body?: unknown;
}

function retryAfterOf(error: GraphLikeError): number | undefined {
  const h = error.headers;
  const raw = h instanceof Headers ? h.get("retry-after") : (h?.["Retry-After"] ?? h?.["retry-after"]);
  const n = raw === undefined || raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n) : undefined;
}

/**
 * Maps a Graph SDK failure to Kōmu's error type: 404 → NOT_FOUND; 429 → RATE_LIMITED and
 * 5xx/network → UPSTREAM_UNAVAILABLE (with Retry-After when Graph gave one); 401/403 mean the app
 * registration lacks consent → CONFIGURATION_INVALID; anything else → INTERNAL.
 */
export function graphFailure(error: unknown, operation: string): KomuError {
  if (isKomuError(error)) return error;
  const e = (error ?? {}) as GraphLikeError;
  const status = typeof e.statusCode === "number" ? e.statusCode : undefined;
  const details = { operation, graphStatus: status ?? null, graphCode: e.code ?? null };
  const retryAfter = retryAfterOf(e);
  const opts = { details, cause: error, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  if (status === 404) return new KomuError("NOT_FOUND", opts);
  if (status === 429) return new KomuError("RATE_LIMITED", { ...opts, retryAfter: retryAfter ?? 5 });
  if (status === undefined || status === -1 || status >= 500 || error instanceof TypeError) {
    return new KomuError("UPSTREAM_UNAVAILABLE", { ...opts, retryAfter: retryAfter ?? 5 });
  }
  if (status === 401 || status === 403) return new KomuError("CONFIGURATION_INVALID", opts);
  return new KomuError("INTERNAL", opts);
}
