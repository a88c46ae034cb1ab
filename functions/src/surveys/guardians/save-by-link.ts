/**
 * PUT /api/public/surveys/{token}: a guardian saves (一時保存) or submits through their link.
 * The link must be this device's (its claim cookie) — or not yet claimed, when this save claims
 * it. The answers go through the one write path (`saveResponse`, via "link"): every problem is
 * reported and nothing is written when one is found; after the deadline SURVEY_CLOSED.
 */
import { KomuError, type MyResponse, type ResponseInput } from "@komu/shared";
import type { SurveysDeps } from "../deps.js";
import { saveResponse } from "../respond/save-response.js";
import { guardianResponse } from "./guardian-response.js";
import type { LinkClaims } from "./link-token.js";
import { type OpenedLink, openLink, sessionHashOf } from "./open-link.js";

export async function saveByLink(
  deps: SurveysDeps,
  input: {
    token: string;
    secretOf: (claims: LinkClaims) => string | undefined;
    response: ResponseInput;
    schoolName?: (id: string) => Promise<string | undefined>;
  },
): Promise<{ opened: OpenedLink; body: MyResponse }> {
  const opened = await openLink(deps, input.token, { secretOf: input.secretOf, claim: true });
  const secret = opened.secret ?? input.secretOf(opened.claims);
  const sessionHash = secret ? sessionHashOf(secret) : null;
  const saved = await saveResponse(deps, {
    // A retry after a race reads the row again: a reissue (or another claim) meanwhile refuses.
    stillAllowed: (row) => {
      if (row.linkVersion !== opened.claims.v)
        throw new KomuError("SURVEY_LINK_INVALID", { details: { reason: "reissued" } });
      if (row.sessionHash !== sessionHash) throw new KomuError("SURVEY_LINK_USED");
    },
    schoolId: opened.claims.s,
    surveyId: opened.claims.i,
    recipientKey: opened.claims.k,
    answers: input.response.answers,
    submit: input.response.submit,
    via: "link",
    preloaded: { survey: opened.survey, recipient: opened.recipient },
  });
  const schoolName = await input.schoolName?.(opened.claims.s);
  const body = await guardianResponse(deps, saved.survey, saved.recipient, schoolName);
  return { opened, body };
}
