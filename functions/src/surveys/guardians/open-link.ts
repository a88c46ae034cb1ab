/**
 * Opens a guardian's link: the token's MAC, the recipient's current link version, the expiry,
 * and the device claim. The first device that opens the link through the JSON API claims it: the
 * recipient row gets `linkClaimedAt` and `sessionHash` = SHA-256 of a random secret (written
 * under its ETag, so of two devices racing exactly one wins) and that device gets the secret as a
 * cookie. Later requests carrying the cookie continue; the same link without it (another phone,
 * a forwarded link) is SURVEY_LINK_USED.
 *
 * Expiry: the token carries the deadline it was issued for. A link past that time is refused
 * (SURVEY_LINK_EXPIRED) unless the survey's deadline was extended since and it still takes
 * answers; a device that already holds the claim may still look at its answers after the
 * deadline (saving then fails with SURVEY_CLOSED).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { acceptsAnswers, isKomuError, KomuError } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { SurveysDeps } from "../deps.js";
import { recipientRowId, type SurveyRecipientRow, type SurveyRow, surveysRepos } from "../entities.js";
import { type LinkClaims, verifyLinkToken } from "./link-token.js";

export interface OpenedLink {
  claims: LinkClaims;
  survey: StoredEntity<SurveyRow>;
  recipient: StoredEntity<SurveyRecipientRow>;
  /**
   * "session": the device holds the claim; "claimed": this request claimed it (`secret` is the
   * cookie to set); "unclaimed": nobody has claimed it yet and the caller asked not to claim.
   */
  state: "session" | "claimed" | "unclaimed";
  secret?: string;
}

export const sessionHashOf = (secret: string): string => createHash("sha256").update(secret, "utf8").digest("hex");

/** The cookie of one link (one per guardian and child, so two children's links live side by side). */
export function sessionCookieName(claims: Pick<LinkClaims, "s" | "i" | "k">): string {
  const id = createHash("sha256").update(`${claims.s}\n${claims.i}\n${claims.k}`).digest("base64url").slice(0, 16);
  return `komu_l_${id}`;
}

function sameHash(secret: string | undefined, stored: string | null): boolean {
  if (!secret || !stored || secret.length > 100) return false;
  const a = Buffer.from(sessionHashOf(secret), "hex");
  const b = Buffer.from(stored, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

const invalid = (reason: string, message?: { ja: string; en: string }) =>
  new KomuError("SURVEY_LINK_INVALID", { details: { reason }, ...(message ? { message } : {}) });

export async function openLink(
  deps: Pick<SurveysDeps, "storage" | "clock" | "linkKey">,
  token: string,
  options: { secretOf: (claims: LinkClaims) => string | undefined; claim: boolean },
  attempt = 0,
): Promise<OpenedLink> {
  const claims = verifyLinkToken(deps.linkKey, token);
  const repos = surveysRepos(deps.storage);
  const now = deps.clock();
  const [survey, recipient] = await Promise.all([
    repos.surveys.get(claims.s, claims.i),
    repos.recipients.get(claims.s, recipientRowId(claims.i, claims.k)),
  ]);
  if (!survey || recipient?.data.kind !== "guardian") throw invalid("unknown");
  if (claims.v < recipient.data.linkVersion)
    throw invalid("reissued", {
      ja: "このリンクは新しいリンクに置き換えられたため使えません。学校から届いた新しいリンクを開いてください。",
      en: "This link has been replaced by a newer one. Please open the new link from the school.",
    });
  if (claims.v > recipient.data.linkVersion) throw invalid("version");

  if (recipient.data.linkClaimedAt && sameHash(options.secretOf(claims), recipient.data.sessionHash))
    return { claims, survey, recipient, state: "session" };

  const expired = now.getTime() >= claims.e * 1000 && !acceptsAnswers(survey.data, now);
  if (expired) throw new KomuError("SURVEY_LINK_EXPIRED", { details: { deadline: survey.data.deadline } });
  if (survey.data.status === "draft") throw invalid("unknown");
  if (recipient.data.linkClaimedAt) throw new KomuError("SURVEY_LINK_USED");
  if (!acceptsAnswers(survey.data, now))
    throw new KomuError("SURVEY_CLOSED", { details: { deadline: survey.data.deadline } });
  if (!options.claim) return { claims, survey, recipient, state: "unclaimed" };

  const secret = randomBytes(32).toString("base64url");
  try {
    const claimed = await repos.recipients.update(
      claims.s,
      recipient.id,
      { ...recipient.data, linkClaimedAt: now.toISOString(), sessionHash: sessionHashOf(secret) },
      recipient.etag,
    );
    return { claims, survey, recipient: claimed, state: "claimed", secret };
  } catch (e) {
    // Another device (or an answer saved meanwhile) changed the row: whoever claimed first keeps it.
    if (isKomuError(e) && e.code === "STALE_ETAG") {
      const now2 = await repos.recipients.get(claims.s, recipient.id);
      if (now2?.data.linkClaimedAt) throw new KomuError("SURVEY_LINK_USED");
      if (now2 && now2.data.linkVersion !== claims.v) throw invalid("reissued");
      if (attempt < 3) return openLink(deps, token, options, attempt + 1);
    }
    throw e;
  }
}

/** Seconds until the survey's deadline (the claim cookie's Max-Age), at least 0. */
export const secondsUntil = (deadline: string, now: Date): number =>
  Math.max(0, Math.floor((Date.parse(deadline) - now.getTime()) / 1000));
