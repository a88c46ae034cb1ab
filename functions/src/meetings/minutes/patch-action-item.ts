/**
 * PATCH …/action-items/{actionItemId}: the assignee or the chair marks an action item done (or
 * not done again). Idempotent (the same state twice changes nothing and audits once); the row is
 * changed under its ETag with re-reads on a race. Audited as meeting.changed (what "actionItem").
 */
import { ActionItemPatch, ensureCan, KomuError, type Principal } from "@komu/shared";
import type { z } from "zod";
import type { StoredEntity } from "../../storage/index.js";
import { loadMeeting } from "../access.js";
import { patchMeeting } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import type { MeetingRow } from "../entities.js";
import { ensureAssignees, pruneAssignees } from "./action-index.js";

export async function patchActionItem(
  deps: Pick<MeetingsDeps, "storage" | "clock">,
  req: {
    schoolId: string;
    meetingId: string;
    actionItemId: string;
    principal: Principal;
    input: z.input<typeof ActionItemPatch>;
  },
): Promise<StoredEntity<MeetingRow>> {
  const { done } = ActionItemPatch.parse(req.input);
  const { schoolId, principal } = req;
  ensureCan(principal, "meeting.read", { schoolId, classification: "IV" });
  const row = await loadMeeting(deps, schoolId, req.meetingId);
  const item = row.data.minutes.actionItems.find((a) => a.id === req.actionItemId);
  if (!item) throw new KomuError("NOT_FOUND", { details: { kind: "actionItem", id: req.actionItemId } });
  if (item.assigneeOid !== principal.oid && row.data.chairOid !== principal.oid)
    throw new KomuError("FORBIDDEN", {
      message: {
        ja: "完了にできるのは担当者と議長だけです。",
        en: "Only the assignee and the chair can mark this done.",
      },
      details: { capability: "meeting.read", schoolId, meetingId: req.meetingId },
    });
  if (!done) await ensureAssignees(deps.storage, schoolId, row.id, [item.assigneeOid]);
  let changed = false;
  const now = deps.clock().toISOString();
  const saved = await patchMeeting(deps, schoolId, row.id, (m) => {
    const current = m.minutes.actionItems.find((a) => a.id === req.actionItemId);
    if (!current || current.done === done) return null;
    changed = true;
    const actionItems = m.minutes.actionItems.map((a) =>
      a.id === req.actionItemId ? { ...a, done, doneAt: done ? now : null } : a,
    );
    return { ...m, minutes: { ...m.minutes, actionItems } };
  });
  if (!saved) throw new KomuError("NOT_FOUND", { details: { kind: "meeting", id: req.meetingId } });
  if (changed) {
    await pruneAssignees(deps.storage, schoolId, row.id, saved.data);
    await deps.storage.audit.append(schoolId, {
      kind: "meeting.changed",
      actor: { oid: principal.oid, name: principal.name },
      target: { kind: "meeting", id: row.id },
      data: { what: "actionItem", changes: { [`actionItems.${req.actionItemId}.done`]: { from: !done, to: done } } },
    });
  }
  return saved;
}
