/**
 * One guardian's current link as the school hands it out: the URL of the page (a token for the
 * recipient's current link version, expiring at the survey's deadline) and the same URL as a QR
 * code (SVG, error correction M) for the printable sheet.
 */
import { type GuardianLinks, KomuError } from "@komu/shared";
import QRCode from "qrcode";
import type { SurveysDeps } from "../deps.js";
import type { SurveyRecipientRow, SurveyRow } from "../entities.js";
import { expiryOf, signLinkToken } from "./link-token.js";

export type GuardianLinkView = GuardianLinks["items"][number];

/** The page's path (GET, public); the token is the last segment. */
export const PAGE_PATH = "/api/public/s";

export function linkUrl(
  deps: Pick<SurveysDeps, "linkKey" | "publicUrl">,
  schoolId: string,
  survey: Pick<SurveyRow, "deadline">,
  surveyId: string,
  recipient: Pick<SurveyRecipientRow, "key" | "linkVersion">,
): string {
  if (!deps.publicUrl)
    throw new KomuError("CONFIGURATION_INVALID", {
      details: { reason: "KOMU_PUBLIC_URL (or TAB_ENDPOINT) is not set: guardians' links need a public origin" },
    });
  const token = signLinkToken(deps.linkKey, {
    s: schoolId,
    i: surveyId,
    k: recipient.key,
    v: recipient.linkVersion,
    e: expiryOf(survey.deadline),
  });
  return `${deps.publicUrl}${PAGE_PATH}/${token}`;
}

export async function guardianLinkOf(
  deps: Pick<SurveysDeps, "linkKey" | "publicUrl">,
  schoolId: string,
  survey: Pick<SurveyRow, "deadline">,
  surveyId: string,
  recipient: SurveyRecipientRow,
): Promise<GuardianLinkView> {
  const url = linkUrl(deps, schoolId, survey, surveyId, recipient);
  const qrSvg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return {
    key: recipient.key,
    guardianName: recipient.name,
    relationship: recipient.relationship ?? "",
    childName: recipient.childName ?? "",
    grade: recipient.grade ?? 0,
    class: recipient.class ?? 0,
    number: recipient.number ?? 0,
    url,
    qrSvg,
    submitted: recipient.submittedAt !== null,
    claimed: recipient.linkClaimedAt !== null,
  };
}
