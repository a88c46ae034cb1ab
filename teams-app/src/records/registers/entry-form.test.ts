import { describe, expect, it } from "vitest";
import { type EntryForm, entryInput, missingFields } from "./entry-form.js";

const form: EntryForm = {
  title: " 就学援助の申請について ",
  counterpart: " 青葉町教育委員会 ",
  date: "2026-11-25",
  channel: "fax",
  categoryCode: "C-01",
  classification: "III",
  note: "",
};

describe("register entry form", () => {
  it("names the missing fields in form order", () => {
    expect(missingFields(form)).toEqual([]);
    expect(missingFields({ ...form, title: " ", counterpart: "", date: "25/11/2026", categoryCode: "" })).toEqual([
      "counterpart",
      "title",
      "date",
      "categoryCode",
    ]);
  });

  it("sends trimmed values, the staged file when there is one, and no blank note", () => {
    expect(entryInput(form, "up1")).toEqual({
      title: "就学援助の申請について",
      counterpart: "青葉町教育委員会",
      date: "2026-11-25",
      channel: "fax",
      categoryCode: "C-01",
      classification: "III",
      uploadId: "up1",
    });
    expect(entryInput({ ...form, classification: null, note: " 原本あり " }, null)).toEqual({
      title: "就学援助の申請について",
      counterpart: "青葉町教育委員会",
      date: "2026-11-25",
      channel: "fax",
      categoryCode: "C-01",
      note: "原本あり",
    });
  });
});
