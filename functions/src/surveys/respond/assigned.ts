/**
 * The surveys a person is asked to answer (all their schools): each school's open surveys (index
 * on status), then one point read of the caller's recipient row per survey (`<surveyId>.u-<oid>`).
 * Closed and past-deadline surveys are left out (a submitted answer stays visible until closed).
 */

import type { AssignedSurvey } from "@komu/shared";
import { acceptsAnswers, type Principal, schoolsWhere } from "@komu/shared";
import type { z } from "zod";
import type { SurveysDeps } from "../deps.js";
import { listSurveyRows } from "../drafts/list-surveys.js";
import { recipientRowId, type SurveyRecipientRow, surveysRepos } from "../entities.js";
import { recipientKeyOfOid } from "../recipients.js";

export type AssignedItem = z.infer<typeof AssignedSurvey> & { recipient: SurveyRecipientRow };

export async function assignedSurveys(
  deps: Pick<SurveysDeps, "storage" | "clock">,
  principal: Principal,
): Promise<AssignedItem[]> {
  const now = deps.clock();
  const repos = surveysRepos(deps.storage);
  const items: AssignedItem[] = [];
  for (const schoolId of schoolsWhere(principal, "survey.answer")) {
    const open = await listSurveyRows(deps, schoolId, { status: "open" });
    const found = await Promise.all(
      open.map(async (s) => ({
        s,
        r: await repos.recipients.get(schoolId, recipientRowId(s.id, recipientKeyOfOid(principal.oid))),
      })),
    );
    for (const { s, r } of found) {
      if (!r) continue;
      items.push({
        id: s.id,
        schoolId,
        title: s.data.title,
        deadline: s.data.deadline,
        status: r.data.submittedAt ? "submitted" : r.data.partial ? "partial" : "none",
        acceptsAnswers: acceptsAnswers(s.data, now),
        recipient: r.data,
      });
    }
  }
  return items.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
}
