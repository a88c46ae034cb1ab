/**
 * Where a meeting's materials live in the school's library (pure):
 *
 *   会議資料/<年度>年度/<YYYY-MM-DD> <title>/     the meeting folder — never shared
 *     資料/       class III/IV materials — shared with the attendees at distribution (one invite)
 *     取扱注意/   class II materials     — shared likewise; the grant is removed N days after the meeting
 *     機密/       class I materials      — never shared (read only through Kōmu, classification applied)
 *
 * The subfolders are siblings, so each has its own grant and removing the 取扱注意 one leaves 資料
 * as it is (nothing is shared by inheritance from the meeting folder).
 */
import type { Classification } from "@komu/shared";

export type MeetingSubfolder = "materials" | "confidential" | "secret";

export const SUBFOLDER_NAMES: Readonly<Record<MeetingSubfolder, string>> = {
  materials: "資料",
  confidential: "取扱注意",
  secret: "機密",
};

/** The row field that remembers each subfolder's drive item id. */
export const SUBFOLDER_FIELDS = {
  materials: "materialsFolderId",
  confidential: "confidentialFolderId",
  secret: "secretFolderId",
} as const satisfies Record<MeetingSubfolder, string>;

/** Subfolders shared with the attendees at distribution (取扱注意 only until its sharing is removed). */
export function sharedSubfolders(m: { confidentialSharingRemovedAt: string | null }): MeetingSubfolder[] {
  return m.confidentialSharingRemovedAt ? ["materials"] : ["materials", "confidential"];
}

/** Class I → 機密, class II → 取扱注意, class III/IV → 資料. */
export function subfolderOf(classification: Classification): MeetingSubfolder {
  if (classification === "I") return "secret";
  if (classification === "II") return "confidential";
  return "materials";
}

/** Class I/II: reads are audited. */
export const isConfidential = (classification: Classification) => classification === "I" || classification === "II";

export const subfolderPath = (meetingFolderPath: string, sub: MeetingSubfolder) =>
  `${meetingFolderPath}/${SUBFOLDER_NAMES[sub]}`;

export const materialFolderPath = (meetingFolderPath: string, classification: Classification) =>
  subfolderPath(meetingFolderPath, subfolderOf(classification));
