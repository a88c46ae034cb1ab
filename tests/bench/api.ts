/**
 * Kōmu's API as a signed-in user, for the benchmarks: a JSON body in, the JSON body and ETag out
 * (`etag` sent as If-Match); any failure throws, since a benchmark measures only successes.
 */
import type { RunningPlatform } from "@komu/local/platform";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely here
export type Json = any;

export async function api<T = Json>(
  platform: RunningPlatform,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  etag?: string,
): Promise<{ body: T; etag: string }> {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(etag ? { "if-match": etag } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { body: (text ? JSON.parse(text) : null) as T, etag: res.headers.get("etag") ?? "" };
}
