/**
 * POST …/file (If-Match, FileMeetingInput): the chair files the meeting's folder as records —
 * each ready material's current version is copied into the school's records library through the
 * records module's filing (bytes read from the drive item and staged, then `fileRecord` with the
 * category, the material's classification, title 「<会議名> <資料名>」, related to the meeting).
 *
 * Record ids are chosen first and kept (meeting.filedRecordIds and the meetingFiling row, one
 * Table transaction under the meeting's ETag), so a retry files the same records: an existing
 * record is not staged again, only its filing effect nudged. A retry after the ids were kept
 * needs no fresh ETag. Audited as meeting.changed (what "filed", record ids).
 */
import { FileMeetingInput, isKomuError, KomuError, type Material, type Principal } from "@komu/shared";
import type { z } from "zod";
import { fileRecord } from "../../records/filing/file-record.js";
import { newRecordId } from "../../records/ids.js";
import { recordsRepos } from "../../records/repos.js";
import { stageUpload } from "../../records/staging/stage-upload.js";
import type { StoredEntity } from "../../storage/index.js";
import { ensureEtag, ensureNotCancelled, loadMeetingFor } from "../access.js";
import type { MeetingsDeps } from "../deps.js";
import { type MeetingRow, meetingEntity, meetingsRepos } from "../entities.js";
import { materialBytes } from "../text/material-text.js";
import { filingRepo, type MeetingFilingRow, meetingFilingEntity } from "./filing-entity.js";

export async function fileMeeting(
  deps: MeetingsDeps,
  req: {
    schoolId: string;
    meetingId: string;
    principal: Principal;
    etag: string;
    input: z.input<typeof FileMeetingInput>;
  },
): Promise<StoredEntity<MeetingRow>> {
  const { categoryCode } = FileMeetingInput.parse(req.input);
  const { schoolId, principal } = req;
  const row = await loadMeetingFor(deps, principal, schoolId, req.meetingId, "manage");
  ensureNotCancelled(row);
  const ready = row.data.materials.filter((m) => m.status === "ready" && m.driveItemId);
  if (ready.length === 0)
    throw new KomuError("MEETING_MATERIAL_NOT_READY", {
      message: { ja: "保存できる資料がありません。", en: "There is no stored material to file." },
      details: { meetingId: row.id, materials: row.data.materials.length },
    });
  const filing = await filingRepo(deps.storage).get(schoolId, row.id);
  const known = filing?.data.items ?? [];
  const entryOf = (m: Material) => known.find((i) => i.materialId === m.id && i.version === m.version);
  const missing = ready.filter((m) => !entryOf(m));

  let meeting = row;
  let items = known;
  if (missing.length > 0) {
    ensureEtag(row, req.etag);
    const now = deps.clock();
    items = [...known, ...missing.map((m) => ({ materialId: m.id, version: m.version, recordId: newRecordId(now) }))];
    const recordIds = [...new Set([...row.data.filedRecordIds, ...items.map((i) => i.recordId)])];
    const data: MeetingFilingRow = { categoryCode, items };
    const meetingData = { ...row.data, filedRecordIds: recordIds };
    const [etag] = await deps.storage.entities.transaction(schoolId, [
      { type: "replace", def: meetingEntity, id: row.id, data: meetingData, etag: row.etag, createdAt: row.createdAt },
      filing
        ? {
            type: "replace",
            def: meetingFilingEntity,
            id: row.id,
            data,
            etag: filing.etag,
            createdAt: filing.createdAt,
          }
        : { type: "create", def: meetingFilingEntity, id: row.id, data },
    ]);
    meeting = { ...row, etag: etag ?? row.etag, data: meetingData };
  }

  const actor = { oid: principal.oid, name: principal.name };
  const records = recordsRepos(deps.storage).records;
  const filed: string[] = [];
  for (const material of ready) {
    const entry = items.find((i) => i.materialId === material.id && i.version === material.version);
    if (!entry) continue;
    const existing = await records.get(schoolId, entry.recordId);
    let uploadId = "existing";
    if (!existing) {
      const bytes = await materialBytes(deps, meeting, material);
      uploadId = (await stageUpload(deps.records, { schoolId, fileName: material.fileName, bytes, actor })).uploadId;
    }
    const input = {
      uploadId,
      title: `${meeting.data.title} ${material.title}`.slice(0, 200),
      fiscalYear: meeting.data.fiscalYear,
      categoryCode: filing?.data.categoryCode ?? categoryCode,
      classification: material.classification,
      related: { kind: "meeting" as const, id: meeting.id },
    };
    try {
      await fileRecord(deps.records, { schoolId, input, actor, recordId: entry.recordId });
    } catch (e) {
      // A category stricter than the material: filed with the category's classification.
      if (!(isKomuError(e) && e.code === "CLASSIFICATION_TOO_LOW")) throw e;
      const { classification: _c, ...rest } = input;
      await fileRecord(deps.records, { schoolId, input: rest, actor, recordId: entry.recordId });
    }
    filed.push(entry.recordId);
  }
  await deps.storage.audit.append(schoolId, {
    kind: "meeting.changed",
    actor,
    target: { kind: "meeting", id: row.id },
    data: { what: "filed", recordIds: filed },
  });
  return meetingsRepos(deps.storage).meetings.require(schoolId, row.id);
}
