import { describe, expect, it } from "vitest";
import { candidateName, isOurs } from "./place-file.js";

describe("placeFile helpers", () => {
  it("walks a fixed sequence of names, so a retry finds its own file", () => {
    expect([1, 2, 3].map((n) => candidateName("報告書.pdf", n))).toEqual([
      "報告書.pdf",
      "報告書 (2).pdf",
      "報告書 (3).pdf",
    ]);
    expect(candidateName("README", 2)).toBe("README (2)");
    expect(candidateName("a.b.docx", 2)).toBe("a.b (2).docx");
  });

  it("an item is ours when it carries our record id, or is unstamped, our size, and newer than the record", () => {
    const input = { recordId: "r1", size: 100, createdAt: "2026-05-01T00:00:00.000Z" };
    const item = { id: "i", name: "x.pdf", size: 100, createdDateTime: "2026-05-01T00:00:02Z" };
    expect(isOurs({ ...item, listItem: { fields: { KomuRecordId: "r1" } } }, input)).toBe(true);
    expect(isOurs({ ...item, listItem: { fields: { KomuRecordId: "r2" } } }, input)).toBe(false);
    expect(isOurs(item, input)).toBe(true); // a lost reply before the fields were set
    expect(isOurs({ ...item, size: 99 }, input)).toBe(false);
    expect(isOurs({ ...item, createdDateTime: "2026-04-01T00:00:00Z" }, input)).toBe(false); // someone's older file
    expect(isOurs({ ...item, folder: {} }, input)).toBe(false);
  });
});
