/** What the meetings use cases share: ids, 年度, the folder path, the search text, row patches with ETag retry. */
import { randomBytes } from "node:crypto";
import { fiscalYearOf, jstDateString } from "@komu/shared";
import type { StoredEntity } from "../storage/index.js";
import { patchRow } from "../storage/patch-row.js";
import type { MeetingsDeps } from "./deps.js";
import { type MeetingRow, meetingsRepos } from "./entities.js";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
function randomId(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

/** `mt` + 16 random characters (MeetingId: [a-z0-9]{8,32}). */
export const newMeetingId = () => `mt${randomId(16)}`;

export const fiscalYearOfMeeting = (startsAt: string) => fiscalYearOf(new Date(startsAt));

/** The meeting's folder below the library root: `会議資料/<年度>年度/<YYYY-MM-DD> <title>` (JST date). */
export function meetingFolderPath(m: Pick<MeetingRow, "startsAt" | "title" | "fiscalYear">, meetingId: string): string {
  // SharePoint refuses " * : < > ? / \ | and control characters, `_vti_`, and leading/trailing dots
  // and spaces in names; at most 80 characters of the title (whole characters, trimmed after the cut).
  const cleaned = m.title
    .replace(/["*:<>?/\\|#%]/g, "_")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/_vti_/gi, "_vti-")
    .replace(/\s+/g, " ");
  const title = Array.from(cleaned)
    .slice(0, 80)
    .join("")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  return `会議資料/${m.fiscalYear}年度/${jstDateString(new Date(m.startsAt))} ${title || meetingId}`;
}

/** Lower-cased words the list filters on: title, place, agenda titles, material titles. */
export function searchTextOf(m: Pick<MeetingRow, "title" | "place" | "agenda" | "materials">): string {
  return [m.title, m.place, ...m.agenda.map((a) => a.title), ...m.materials.map((x) => x.title)]
    .join("\n")
    .toLowerCase()
    .slice(0, 8000);
}

/** Changes a meeting row under its ETag, re-reading on a race (effects and concurrent materials). */
export async function patchMeeting(
  deps: Pick<MeetingsDeps, "storage">,
  schoolId: string,
  meetingId: string,
  change: (row: MeetingRow) => MeetingRow | null,
): Promise<StoredEntity<MeetingRow> | null> {
  return patchRow(meetingsRepos(deps.storage).meetings, schoolId, meetingId, change, 8);
}

/** Enqueue an outbox effect of the meetings module, then deliver it once inline (awaited, errors logged). */
export async function enqueueAndDeliver(
  deps: Pick<MeetingsDeps, "storage" | "handlers" | "logger">,
  input: { kind: string; schoolId: string; payload: unknown; dedupeKey: string },
  opts: { wait?: boolean } = {},
): Promise<string> {
  const { id } = await deps.storage.outbox.enqueue(input);
  const handlers = deps.handlers?.();
  if (handlers) {
    const run = deps.storage.outbox
      .deliverNow(id, input.schoolId, handlers)
      .catch((e) => deps.logger.warn("meetings.effect.inline.failed", { kind: input.kind, error: String(e) }));
    if (opts.wait) await run;
  }
  return id;
}

export const actorOf = (p: { oid: string; name: string }) => ({ oid: p.oid, name: p.name });
