import { describe, expect, it } from "vitest";
import type { MeetingRow } from "../entities.js";
import { sharingDueAt } from "./sharing-expiry.js";

const row = (over: Partial<MeetingRow> = {}) =>
  ({
    endsAt: "2026-12-02T07:30:00.000Z",
    confidentialSharingDays: 14,
    confidentialSharingRemovedAt: null,
    driveId: "d",
    confidentialFolderId: "conf",
    grants: [
      { folderId: "mat", permissionId: "p1", kind: "group", principalId: "g" },
      { folderId: "conf", permissionId: "p2", kind: "group", principalId: "g" },
    ],
    ...over,
  }) as MeetingRow;

describe("sharingDueAt", () => {
  it("is the meeting's end plus confidentialSharingDays when the 取扱注意 folder has a grant", () => {
    expect(sharingDueAt(row())).toBe(Date.parse("2026-12-16T07:30:00.000Z"));
    expect(sharingDueAt(row({ confidentialSharingDays: 0 }))).toBe(Date.parse("2026-12-02T07:30:00.000Z"));
  });
  it("is null when already removed, never shared, or without a confidential folder", () => {
    expect(sharingDueAt(row({ confidentialSharingRemovedAt: "2026-12-17T00:00:00.000Z" }))).toBeNull();
    expect(
      sharingDueAt(row({ grants: [{ folderId: "mat", permissionId: "p1", kind: "group", principalId: "g" }] })),
    ).toBeNull();
    expect(sharingDueAt(row({ confidentialFolderId: null }))).toBeNull();
  });
});
