import { describe, expect, it } from "vitest";
import { MAX_MAIN_IMAGES, mainKind, moveItem, planMainDrop, splitMain } from "./main-files.js";

const pdf = { name: "計画.pdf", type: "application/pdf" };
const png = { name: "p1.png", type: "image/png" };
const jpg = { name: "p2.JPG", type: "" };

describe("main document files", () => {
  it("knows PDFs and images by type or name", () => {
    expect(mainKind(pdf)).toBe("pdf");
    expect(mainKind(png)).toBe("image");
    expect(mainKind(jpg)).toBe("image");
    expect(mainKind({ name: "a.docx", type: "" })).toBe("other");
  });

  it("a PDF replaces a PDF; images add after images", () => {
    expect(planMainDrop([], [pdf])).toEqual({ ok: true, replace: true });
    expect(planMainDrop(["pdf"], [pdf])).toEqual({ ok: true, replace: true });
    expect(planMainDrop([], [png, jpg])).toEqual({ ok: true, replace: false });
    expect(planMainDrop(["image"], [png])).toEqual({ ok: true, replace: false });
  });

  it("refuses mixing PDFs and images, several PDFs, other types and too many pages", () => {
    expect(planMainDrop([], [pdf, png])).toEqual({ ok: false, problem: "mixed" });
    expect(planMainDrop(["image"], [pdf])).toEqual({ ok: false, problem: "mixed" });
    expect(planMainDrop(["pdf"], [png])).toEqual({ ok: false, problem: "mixed" });
    expect(planMainDrop([], [pdf, pdf])).toEqual({ ok: false, problem: "onePdf" });
    expect(planMainDrop([], [{ name: "a.xlsx" }])).toEqual({ ok: false, problem: "type" });
    const many = Array.from({ length: MAX_MAIN_IMAGES }, () => "image" as const);
    expect(planMainDrop(many, [png])).toEqual({ ok: false, problem: "tooMany" });
  });

  it("moves an item up or down, clamped at the ends", () => {
    expect(moveItem(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });

  it("the first staged file is the main upload, the rest its pages", () => {
    expect(splitMain(["u1", "u2", "u3"])).toEqual({ main: "u1", pages: ["u2", "u3"] });
    expect(splitMain([])).toEqual({ main: null, pages: [] });
  });
});
