/**
 * GET …/meetings?fiscalYear=&q=: the meetings of a 年度 (server-side filter on the indexed
 * fiscalYear) the caller chairs or attends — all of the school's for meeting.oversee holders —
 * whose search text (title, place, agenda and material titles) holds every word of `q`. Newest first.
 */
import { ensureCan, type MeetingSummary, type Principal } from "@komu/shared";
import { listAll } from "../../storage/list-all.js";
import { isInvited, oversees } from "../access.js";
import type { MeetingsDeps } from "../deps.js";
import { meetingsRepos } from "../entities.js";
import { meetingSummary } from "../view.js";

export async function listMeetings(
  deps: Pick<MeetingsDeps, "storage">,
  req: { schoolId: string; principal: Principal; fiscalYear?: number; q?: string },
): Promise<{ items: MeetingSummary[] }> {
  const { schoolId, principal } = req;
  ensureCan(principal, "meeting.read", { schoolId, classification: "IV" });
  const all = oversees(principal, schoolId);
  const rows = await listAll(meetingsRepos(deps.storage).meetings, schoolId, {
    where: req.fiscalYear !== undefined ? { fiscalYear: req.fiscalYear } : undefined,
  });
  const words = (req.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const items = rows
    .filter((r) => all || r.data.chairOid === principal.oid || isInvited(r.data, principal.oid))
    .filter((r) => words.every((w) => r.data.searchText.includes(w)))
    .sort((a, b) => b.data.startsAt.localeCompare(a.data.startsAt) || a.id.localeCompare(b.id))
    .map(meetingSummary);
  return { items };
}
