/**
 * The approvals-reminders job's work for one run: every approval on a route in every school is
 * checked; one past its template's expiry is expired (期限切れ, the drafter is told), else one
 * whose current step has waited long enough gets a reminder (after N days, then every M days, at
 * most `max` per step: the machine's reminderDue). Each is one exactly-once transition (system
 * actor) published like any other (notice cards through the outbox). Hard caps: at most
 * MAX_PER_SCHOOL approvals read per school and MAX_ACTIONS transitions per run; the rest wait for
 * the next run.
 */
import { decide, expiryDue, isKomuError, reminderDue } from "@komu/shared";
import { commitTransition } from "../decide/commit-transition.js";
import type { ApprovalsDeps } from "../deps.js";
import { approvalsRepos } from "../entities.js";
import { approvalOf } from "../view.js";

export const MAX_PER_SCHOOL = 1000;
export const MAX_ACTIONS = 200;
const SYSTEM = { oid: "system", name: "Kōmu" };

export interface ReminderSweep {
  reminded: number;
  expired: number;
  capped: boolean;
}

export async function sweepReminders(
  deps: ApprovalsDeps,
  schoolIds: readonly string[],
  now: Date,
): Promise<ReminderSweep> {
  const result: ReminderSweep = { reminded: 0, expired: 0, capped: false };
  const at = now.toISOString();
  for (const schoolId of schoolIds) {
    const page = await approvalsRepos(deps.storage).approvals.list(schoolId, {
      where: { status: "inRoute" },
      limit: MAX_PER_SCHOOL,
    });
    for (const row of page.items) {
      if (result.reminded + result.expired >= MAX_ACTIONS) {
        result.capped = true;
        return result;
      }
      const approval = approvalOf(row);
      const type = expiryDue(approval, at) ? "expire" : reminderDue(approval, at) ? "remind" : null;
      if (!type) continue;
      try {
        await commitTransition(deps, {
          schoolId,
          approvalId: approval.id,
          actor: SYSTEM,
          via: "tab",
          run: (current) => {
            // Re-checked on the current version: a decision meanwhile may have made it moot.
            const due = type === "expire" ? expiryDue(current, at) : reminderDue(current, at);
            return due ? decide(current, { type }, SYSTEM, at) : { approval: current, events: [] };
          },
        });
        if (type === "expire") result.expired += 1;
        else result.reminded += 1;
      } catch (e) {
        if (!isKomuError(e)) throw e;
        deps.logger.warn("approvals.reminder.skipped", { approvalId: approval.id, code: e.code });
      }
    }
    if (page.continuationToken) result.capped = true;
  }
  return result;
}
