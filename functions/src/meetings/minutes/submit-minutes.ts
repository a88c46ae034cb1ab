/**
 * POST …/minutes/submit (If-Match: the meeting's ETag): the 議事録 rendered as a PDF
 * (render-minutes.ts), staged as a records upload by the submitter, drafted and submitted as an
 * approval (電子決裁: template `general` unless given, the category from the input), the meeting's
 * minutes then `submitted` with the approval's id (locked). After 決裁 the approvals engine seals
 * and files the PDF to records. Audited as meeting.minutesSubmitted (approval id, PDF SHA-256).
 *
 * Order and retries: template and category are checked before anything is made; the meeting row
 * (ETag) is the commit point — it names the approval before the approval is submitted, so a retry
 * after a failure in between finds the approval still a draft and submits that one. A refusal by
 * the approvals engine (e.g. nobody holds a role of the route) puts the minutes back to draft.
 */
import { createHash } from "node:crypto";
import {
  isKomuError,
  jstDateString,
  KomuError,
  MEETING_TYPE_LABELS,
  MinutesSubmitInput,
  type Principal,
  sharePointNameProblem,
} from "@komu/shared";
import type { z } from "zod";
import { createDraft } from "../../approvals/drafts/create-draft.js";
import { checkCategory, checkTemplate } from "../../approvals/drafts/draft-fields.js";
import { approvalsRepos } from "../../approvals/entities.js";
import { submitApproval } from "../../approvals/submit/submit-approval.js";
import { stageUpload } from "../../records/staging/stage-upload.js";
import type { StoredEntity } from "../../storage/index.js";
import { ensureEtag, ensureNotCancelled, loadMeetingFor } from "../access.js";
import { patchMeeting } from "../common.js";
import type { MeetingsDeps } from "../deps.js";
import { type MeetingRow, meetingsRepos } from "../entities.js";
import { renderMinutesPdf } from "./render-minutes.js";
import { minutesState } from "./status.js";

export interface SubmitMinutesRequest {
  schoolId: string;
  meetingId: string;
  principal: Principal;
  etag: string;
  schoolName: string;
  input: z.input<typeof MinutesSubmitInput>;
}

export function minutesFileName(m: Pick<MeetingRow, "title" | "startsAt">): string {
  const safe = `議事録 ${jstDateString(new Date(m.startsAt))} ${m.title}`
    .replace(/["*:<>?/\\|#%~&{}]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
  const name = `${safe}.pdf`;
  return sharePointNameProblem(name) ? "議事録.pdf" : name;
}

function approvalsOf(deps: MeetingsDeps) {
  if (!deps.approvals)
    throw new KomuError("CONFIGURATION_INVALID", { details: { reason: "the approvals module is not wired" } });
  return deps.approvals;
}

export async function submitMinutes(deps: MeetingsDeps, req: SubmitMinutesRequest): Promise<StoredEntity<MeetingRow>> {
  const approvals = approvalsOf(deps);
  const input = MinutesSubmitInput.parse(req.input);
  const { schoolId, principal } = req;
  const row = await loadMeetingFor(deps, principal, schoolId, req.meetingId, "readStatus");
  ensureNotCancelled(row);
  ensureEtag(row, req.etag);
  const m = row.data;
  const state = await minutesState(deps, schoolId, m.minutes);
  if (state.status === "submitted" && state.approvalStatus === "draft" && m.minutes.approvalId) {
    // A submission interrupted after the meeting named its approval: finish it.
    const draft = await approvalsRepos(deps.storage).approvals.require(schoolId, m.minutes.approvalId);
    await submitOrRevert(deps, req, draft.id, draft.etag);
    return meetingsRepos(deps.storage).meetings.require(schoolId, row.id);
  }
  if (state.status === "submitted" || state.status === "approved")
    throw new KomuError("MEETING_MINUTES_LOCKED", {
      details: { status: state.status, approvalId: m.minutes.approvalId },
    });

  await checkTemplate(approvals, schoolId, input.templateId, { remove: [], add: [] });
  await checkCategory(approvals, schoolId, input.categoryCode, undefined);
  const recorder = [m.chair, ...m.attendees].find((a) => a.oid === m.minutes.recorderOid);
  const bytes = await renderMinutesPdf({
    schoolName: req.schoolName,
    title: m.title,
    type: m.type,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.place,
    chair: m.chair,
    attendees: m.attendees,
    agenda: m.agenda,
    minutes: m.minutes,
    recorderName: recorder?.name ?? principal.name,
  });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const actor = { oid: principal.oid, name: principal.name };
  const upload = await stageUpload(deps.records, { schoolId, fileName: minutesFileName(m), bytes, actor });
  const draft = await createDraft(approvals, {
    schoolId,
    principal,
    input: {
      templateId: input.templateId,
      title: `議事録 ${m.title}`.slice(0, 200),
      summary: `${MEETING_TYPE_LABELS[m.type].ja}（${jstDateString(new Date(m.startsAt))}）の議事録です。`,
      categoryCode: input.categoryCode,
      mainUploadId: upload.uploadId,
    },
  });
  const saved = await meetingsRepos(deps.storage).meetings.update(
    schoolId,
    row.id,
    { ...m, minutes: { ...m.minutes, approvalId: draft.id, status: "submitted" } },
    row.etag,
  );
  await submitOrRevert(deps, req, draft.id, draft.etag);
  await deps.storage.audit.append(schoolId, {
    kind: "meeting.minutesSubmitted",
    actor,
    target: { kind: "meeting", id: row.id },
    data: { approvalId: draft.id, sha256 },
  });
  return saved;
}

async function submitOrRevert(
  deps: MeetingsDeps,
  req: SubmitMinutesRequest,
  approvalId: string,
  approvalEtag: string,
): Promise<void> {
  try {
    await submitApproval(approvalsOf(deps), {
      schoolId: req.schoolId,
      approvalId,
      principal: req.principal,
      etag: approvalEtag,
    });
  } catch (e) {
    if (isKomuError(e) && e.status < 500 && e.code !== "STALE_ETAG") {
      await patchMeeting(deps, req.schoolId, req.meetingId, (m) =>
        m.minutes.approvalId === approvalId && m.minutes.status === "submitted"
          ? { ...m, minutes: { ...m.minutes, status: "draft" } }
          : null,
      );
    }
    throw e;
  }
}
