/**
 * A guardian's link token: `v1.<payload>.<mac>`, both base64url, where payload is the compact JSON
 * `{ s: schoolId, i: surveyId, k: recipientKey, v: linkVersion, e: expiry (unix seconds) }` and
 * mac = HMAC-SHA256(linkKey, "survey-link\n" + payload). No names in it (the URL stays short
 * enough for a QR code and tells nothing if seen). The MAC is compared in constant time.
 *
 * `verifyLinkToken` checks form and MAC only; expiry and version need the survey and the
 * recipient row (see open-link.ts): a deadline extended after the link was printed keeps it valid.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { KomuError } from "@komu/shared";
import { z } from "zod";

export interface LinkClaims {
  /** schoolId */
  s: string;
  /** surveyId */
  i: string;
  /** recipient key (`g-<保護者番号>-<学籍番号>`) */
  k: string;
  /** link version (a reissue bumps the recipient's; older links are refused) */
  v: number;
  /** expiry, unix seconds (the survey's deadline when issued) */
  e: number;
}

const Claims = z
  .object({
    s: z.string().min(1).max(64),
    i: z.string().min(1).max(64),
    k: z.string().min(1).max(80),
    v: z.number().int().nonnegative(),
    e: z.number().int().positive(),
  })
  .strict();

const PREFIX = "v1";
const MAC_CONTEXT = "survey-link\n";
/** Longest token accepted (a real one is ~150 characters). */
export const MAX_TOKEN_LENGTH = 512;
const TOKEN_SHAPE = /^v1\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/;

function requireKey(linkKey: string | undefined): string {
  if (!linkKey)
    throw new KomuError("CONFIGURATION_INVALID", {
      details: { reason: "SECRET_KOMU_LINK_KEY is not set (guardians' links need it)" },
    });
  return linkKey;
}

const mac = (linkKey: string, payload: string): Buffer =>
  createHmac("sha256", linkKey)
    .update(MAC_CONTEXT + payload)
    .digest();

export function signLinkToken(linkKey: string | undefined, claims: LinkClaims): string {
  const key = requireKey(linkKey);
  const { s, i, k, v, e } = Claims.parse(claims);
  const payload = Buffer.from(JSON.stringify({ s, i, k, v, e }), "utf8").toString("base64url");
  return `${PREFIX}.${payload}.${mac(key, payload).toString("base64url")}`;
}

const invalid = (reason: string) => new KomuError("SURVEY_LINK_INVALID", { details: { reason } });

/** The claims of a well-formed token with a valid MAC; SURVEY_LINK_INVALID otherwise. */
export function verifyLinkToken(linkKey: string | undefined, token: string): LinkClaims {
  const key = requireKey(linkKey);
  const m = token.length <= MAX_TOKEN_LENGTH ? TOKEN_SHAPE.exec(token) : null;
  if (!m) throw invalid("format");
  const [, payload, given] = m as unknown as [string, string, string];
  const expected = mac(key, payload);
  const actual = Buffer.from(given, "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw invalid("signature");
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalid("payload");
  }
  const claims = Claims.safeParse(json);
  if (!claims.success) throw invalid("payload");
  return claims.data;
}

/** The expiry for a deadline (unix seconds, rounded up so the link lives until the deadline). */
export const expiryOf = (deadline: string): number => Math.ceil(Date.parse(deadline) / 1000);
