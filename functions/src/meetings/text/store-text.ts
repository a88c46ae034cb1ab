/**
 * extractAndStoreText: reads each page's text of a stored material version and keeps it
 * (meetingText row). Called by the material upload/replacement (engineer M1's effect) right
 * after a version is stored, and lazily by GET …/text when the row is missing. Idempotent: an
 * existing row for the version is returned as it is. Non-PDF materials get a row with no pages;
 * a PDF pdf.js cannot read gets one with its problem (nothing throws for bad bytes); a PDF given
 * without bytes keeps no row (it throws), so the text is read from SharePoint later.
 */
import { createHash } from "node:crypto";
import { isKomuError } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { MeetingsDeps } from "../deps.js";
import { type MeetingTextRow, textRepo, textRowId } from "./entity.js";
import { extractPageTexts } from "./extract-text.js";

export interface StoreTextInput {
  schoolId: string;
  meetingId: string;
  materialId: string;
  version: number;
  mimeType: string;
  bytes: Uint8Array;
}

export async function extractAndStoreText(
  deps: Pick<MeetingsDeps, "storage" | "logger">,
  input: StoreTextInput,
): Promise<StoredEntity<MeetingTextRow>> {
  const repo = textRepo(deps.storage);
  const id = textRowId(input.meetingId, input.materialId, input.version);
  const existing = await repo.get(input.schoolId, id);
  if (existing) return existing;
  let pages: string[] = [];
  let problem: string | null = null;
  if (input.mimeType === "application/pdf") {
    // No bytes to read (a caller without them): keep nothing, so the text is read from SharePoint on first need.
    if (input.bytes.byteLength === 0) throw new Error("meetings.text: no bytes to read the PDF's text from");
    try {
      pages = await extractPageTexts(input.bytes);
    } catch (e) {
      problem = e instanceof Error ? e.message.slice(0, 300) : "unreadable";
      deps.logger.warn("meetings.text: pdf.js could not read the material", { ...idOf(input), problem });
    }
  } else problem = "not a PDF";
  const data: MeetingTextRow = {
    meetingId: input.meetingId,
    materialId: input.materialId,
    version: input.version,
    pages,
    sha256: createHash("sha256").update(input.bytes).digest("hex"),
    problem,
  };
  try {
    return await repo.create(input.schoolId, id, data);
  } catch (e) {
    if (isKomuError(e) && e.code === "CONFLICT") return repo.require(input.schoolId, id);
    throw e;
  }
}

const idOf = (i: StoreTextInput) => ({
  schoolId: i.schoolId,
  meetingId: i.meetingId,
  materialId: i.materialId,
  version: i.version,
});
