import { describe, expect, it } from "vitest";
import { fileRecordInput } from "./metadata.js";

describe("filing input", () => {
  const meta = {
    fiscalYear: 2026,
    categoryCode: "A-01",
    classification: "I" as const,
    eventDate: "2027-03-19",
    note: "  ",
  };

  it("sends the event date only for categories counted from graduation, and no blank note", () => {
    expect(fileRecordInput(meta, { trigger: "graduation" }, { uploadId: "u1", title: " 指導要録 " })).toEqual({
      uploadId: "u1",
      title: "指導要録",
      fiscalYear: 2026,
      categoryCode: "A-01",
      classification: "I",
      eventDate: "2027-03-19",
    });
    expect(fileRecordInput(meta, { trigger: "closed" }, { uploadId: "u1", title: "t" })).not.toHaveProperty(
      "eventDate",
    );
    expect(
      fileRecordInput(
        { ...meta, classification: null, note: "原本は金庫" },
        { trigger: "closed" },
        { uploadId: "u", title: "t" },
      ),
    ).toMatchObject({ note: "原本は金庫" });
  });
});
