import { normaliseForMatch } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { plainPdf } from "../../approvals/pdf/testing.js";
import { extractPageTexts } from "./extract-text.js";
import { textPdf } from "./testing.js";

describe("extractPageTexts", () => {
  it("reads each page's Japanese text in order, one entry per page", async () => {
    const pdf = await textPdf([["運動会の実施について", "雨天の場合は翌日に延期する。"], [], ["係分担 放送係"]]);
    const pages = await extractPageTexts(pdf);
    expect(pages).toHaveLength(3);
    expect(normaliseForMatch(pages[0] ?? "")).toContain("雨天の場合は翌日に延期する。");
    expect(pages[1]).toBe("");
    expect(normaliseForMatch(pages[2] ?? "")).toBe("係分担放送係");
  });

  it("reads Latin text and rejects bytes that are no PDF", async () => {
    expect(await extractPageTexts(await plainPdf({ pages: 2, text: "Agenda" }))).toEqual([
      "Agenda page 1",
      "Agenda page 2",
    ]);
    await expect(extractPageTexts(new TextEncoder().encode("not a pdf"))).rejects.toThrow();
  });
});
