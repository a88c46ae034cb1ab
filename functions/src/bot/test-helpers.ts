/**
 * Test support for the bot: a fake Bot Framework (OpenID metadata, JWKS, token endpoint) and a
 * fake connector, reached through an injected fetch. Only used by *.test.ts files.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import type { BotConfig } from "./types.js";

export const BOT_ID = "0f9c8b7a-1111-4222-8333-944455556666";
export const TENANT = "5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31";
export const SERVICE_URL = "https://connector.test/";
export const METADATA_URL = "https://login.test/v1/.well-known/openidconfiguration";
export const TOKEN_URL = "https://login.test/botframework.com/oauth2/v2.0/token";
export const ISSUER = "https://api.botframework.com";

/** The bot's configuration against the fake Bot Framework below; `overrides` replace or add members. */
export function fakeBotConfig(overrides: Partial<BotConfig> = {}): BotConfig {
  return {
    botId: BOT_ID,
    botPassword: "secret",
    botOpenIdMetadata: METADATA_URL,
    botTokenIssuer: ISSUER,
    botTokenEndpoint: TOKEN_URL,
    tenantId: TENANT,
    ...overrides,
  };
}

export interface FakeCall {
  method: string;
  url: string;
  body: unknown;
  auth: string | null;
}

/**
 * `endorsements`: the channels the signing key is endorsed for (default ["msteams"]); `null` publishes
 * the key without an `endorsements` member.
 */
export async function createFakeBotFramework(options: { endorsements?: string[] | null } = {}) {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const endorsements = options.endorsements === undefined ? ["msteams"] : options.endorsements;
  const jwk: JWK & { endorsements?: string[] } = {
    ...(await exportJWK(publicKey)),
    kid: "key-1",
    use: "sig",
    ...(endorsements ? { endorsements } : {}),
  };
  const other = await generateKeyPair("RS256");
  const calls: FakeCall[] = [];
  /** Status queue per "METHOD path" for the connector; default 200/201. */
  const scripted: { match: (c: FakeCall) => boolean; status: number; headers?: Record<string, string> }[] = [];
  let nextActivity = 1000;
  let tokenRequests = 0;

  const fetchImpl: typeof fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? "GET";
    const headers = new Headers(init?.headers);
    const rawBody = init?.body;
    let body: unknown;
    if (typeof rawBody === "string") body = JSON.parse(rawBody);
    else if (rawBody instanceof URLSearchParams) body = Object.fromEntries(rawBody);
    const call: FakeCall = { method, url, body, auth: headers.get("authorization") };
    if (url === METADATA_URL)
      return Response.json({
        issuer: ISSUER,
        jwks_uri: "https://login.test/v1/keys",
        id_token_signing_alg_values_supported: ["RS256"],
      });
    if (url === "https://login.test/v1/keys") return Response.json({ keys: [jwk] });
    if (url === TOKEN_URL) {
      tokenRequests++;
      return Response.json({ token_type: "Bearer", expires_in: 3600, access_token: `bot-token-${tokenRequests}` });
    }
    calls.push(call);
    const script = scripted.findIndex((s) => s.match(call));
    if (script >= 0) {
      const [s] = scripted.splice(script, 1);
      return new Response(JSON.stringify({ error: { code: "Throttled", message: "x" } }), {
        status: s?.status,
        headers: s?.headers ?? {},
      });
    }
    if (url.startsWith(SERVICE_URL)) {
      if (method === "POST" && url.endsWith("/v3/conversations"))
        return Response.json({ id: "a:new-conversation" }, { status: 201 });
      if (method === "POST") return Response.json({ id: String(nextActivity++) }, { status: 201 });
      if (method === "PUT") return Response.json({ id: url.split("/").pop() }, { status: 200 });
      return new Response(null, { status: 200 });
    }
    return new Response("not found", { status: 404 });
  };

  async function token(
    claims: Record<string, unknown> = {},
    opts: { key?: "good" | "other"; kid?: string; expiresIn?: number; iat?: number } = {},
  ) {
    const now = opts.iat ?? Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: SERVICE_URL, ...claims })
      .setProtectedHeader({ alg: "RS256", kid: opts.kid ?? "key-1", typ: "JWT" })
      .setIssuer((claims.iss as string) ?? ISSUER)
      .setAudience((claims.aud as string) ?? BOT_ID)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + (opts.expiresIn ?? 3600))
      .sign(opts.key === "other" ? other.privateKey : privateKey);
  }

  return {
    fetch: fetchImpl,
    calls,
    token,
    jwk,
    script(match: (c: FakeCall) => boolean, status: number, headers?: Record<string, string>) {
      scripted.push({ match, status, ...(headers ? { headers } : {}) });
    },
    get tokenRequests() {
      return tokenRequests;
    },
  };
}

export function userActivity(overrides: Record<string, unknown> = {}): Record<string, unknown> & { value?: unknown } {
  return {
    type: "message",
    id: "1700000000001",
    timestamp: new Date().toISOString(),
    serviceUrl: SERVICE_URL,
    channelId: "msteams",
    from: { id: "29:1abc", name: "山田 花子", aadObjectId: "aad-user-1" },
    conversation: { id: "a:conv-1", conversationType: "personal", tenantId: TENANT },
    recipient: { id: `28:${BOT_ID}`, name: "Kōmu" },
    text: "こんにちは",
    locale: "ja-JP",
    channelData: { tenant: { id: TENANT } },
    ...overrides,
  };
}

export function post(body: unknown, token: string | undefined): Request {
  return new Request("http://komu.test/api/messages", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Microsoft's documented examples (../shared/contract-examples beside the repository). */

export const CONTRACT_DIR =
  process.env.KOMU_CONTRACT_EXAMPLES ??
  fileURLToPath(new URL("../../../../shared/contract-examples/", import.meta.url));
export const haveContracts = existsSync(CONTRACT_DIR);

export function contractExample(name: string): {
  request: { body: any };
  response: { status: number | null; body: any };
} {
  return JSON.parse(readFileSync(`${CONTRACT_DIR.replace(/\/$/, "")}/${name}.json`, "utf8"));
}

const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** Documented keys missing from `actual` or of another JSON type (values may differ). */
export function shapeDiff(actual: unknown, expected: unknown, optional: string[] = [], path = ""): string[] {
  if (kind(expected) !== kind(actual))
    return expected === null ? [] : [`${path || "(root)"}: expected ${kind(expected)}, got ${kind(actual)}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length && actual.length ? shapeDiff(actual[0], expected[0], optional, `${path}[0]`) : [];
  }
  if (expected && typeof expected === "object") {
    return Object.entries(expected as Record<string, unknown>).flatMap(([k, v]) => {
      const p = path ? `${path}.${k}` : k;
      if (!(k in (actual as Record<string, unknown>))) return optional.includes(p) ? [] : [`${p}: missing`];
      return shapeDiff((actual as Record<string, unknown>)[k], v, optional, p);
    });
  }
  return [];
}

/** The Adaptive Card in the first attachment of a recorded connector call's activity. */
// biome-ignore lint/suspicious/noExplicitAny: test access into arbitrary card JSON
export function cardIn(call: FakeCall | undefined): Record<string, any> | undefined {
  const body = call?.body as { attachments?: { content?: unknown }[] } | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: see above
  return body?.attachments?.[0]?.content as Record<string, any> | undefined;
}
