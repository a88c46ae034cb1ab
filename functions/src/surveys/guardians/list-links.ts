/**
 * GET …/guardian-links: every guardian recipient of a survey (or only those who have not
 * submitted) with their current link and its QR code, in class order (学年・組・出席番号), for the
 * school to hand out or print. Owner or `survey.oversee` only: anyone holding a link answers for
 * that family. Reading the list is not audited (it changes nothing; reissuing is).
 */
import type { GuardianLinks, Principal } from "@komu/shared";
import { loadSurveyFor } from "../access.js";
import type { SurveysDeps } from "../deps.js";
import { listRecipients } from "../recipients.js";
import { guardianLinkOf } from "./guardian-link.js";

export async function listGuardianLinks(
  deps: SurveysDeps,
  input: { principal: Principal; schoolId: string; surveyId: string; pendingOnly: boolean },
): Promise<GuardianLinks> {
  const survey = await loadSurveyFor(deps, input.principal, input.schoolId, input.surveyId, "manage");
  const rows = (await listRecipients(deps, input.schoolId, input.surveyId))
    .map((r) => r.data)
    .filter((r) => r.kind === "guardian" && (!input.pendingOnly || r.submittedAt === null))
    .sort(
      (a, b) =>
        (a.grade ?? 99) - (b.grade ?? 99) ||
        (a.class ?? 99) - (b.class ?? 99) ||
        (a.number ?? 999) - (b.number ?? 999) ||
        a.key.localeCompare(b.key),
    );
  const items = [];
  for (const row of rows) items.push(await guardianLinkOf(deps, input.schoolId, survey.data, survey.id, row));
  return { items, deadline: survey.data.deadline, title: survey.data.title };
}
