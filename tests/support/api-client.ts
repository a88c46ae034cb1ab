/**
 * Kōmu's API as seeded users, for integration tests: one token per user (signed in once), a JSON
 * `call` returning status, body and ETag, and staging uploads for the records library.
 */
import type { RunningPlatform } from "@komu/local/platform";
import { expect } from "vitest";
import { signIn } from "./sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
export type Json = any;

export type ApiResponse = { status: number; body: Json; etag: string | null; headers: Headers };

export type ApiClient<Who extends string> = {
  /** Each user's bearer token, filled by `signIn()`. */
  tokens: Record<string, string>;
  /** Signs every user in (call in `beforeAll`, once the platform runs). */
  signIn(): Promise<void>;
  /** A request as `who`: an object body is sent as JSON, a string as it is (malformed JSON); the body read back as JSON when it is. */
  call(who: Who, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  /** Stages a file for the school's records library (`POST …/records/uploads`). */
  upload(who: Who, bytes: Uint8Array, name: string, type?: string): Promise<{ status: number; body: Json }>;
  /** Stages a file and returns its upload id, expecting 201. */
  uploadId(who: Who, bytes: Uint8Array, name: string, type?: string): Promise<string>;
};

async function readBody(res: Response): Promise<Json> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** `platform` is read when a request is made, so the client can be made before `beforeAll` starts it. */
export function apiClient<Who extends string>(
  platform: () => RunningPlatform,
  users: Record<Who, { upn: string }>,
  school = "aoba-e",
): ApiClient<Who> {
  const tokens: Record<string, string> = {};
  const call: ApiClient<Who>["call"] = async (who, method, path, body, headers = {}) => {
    const res = await fetch(`${platform().url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return { status: res.status, body: await readBody(res), etag: res.headers.get("etag"), headers: res.headers };
  };
  const upload: ApiClient<Who>["upload"] = async (who, bytes, name, type = "application/pdf") => {
    const res = await fetch(`${platform().url}/api/schools/${school}/records/uploads`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        "content-type": type,
        "x-komu-file-name": encodeURIComponent(name),
      },
      body: Buffer.from(bytes),
    });
    return { status: res.status, body: await readBody(res) };
  };
  return {
    tokens,
    async signIn() {
      for (const [k, u] of Object.entries<{ upn: string }>(users)) tokens[k] = await signIn(platform(), u.upn);
    },
    call,
    upload,
    async uploadId(who, bytes, name, type) {
      const up = await upload(who, bytes, name, type);
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      return up.body.uploadId;
    },
  };
}
