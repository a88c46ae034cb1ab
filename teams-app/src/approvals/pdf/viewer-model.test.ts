import { describe, expect, it } from "vitest";
import {
  clampPage,
  fitWidth,
  MAX_ZOOM,
  MIN_ZOOM,
  mostVisible,
  parsePageInput,
  viewerKey,
  zoomIn,
  zoomOut,
} from "./viewer-model.js";

describe("PDF viewer zoom", () => {
  it("steps up and down from a step and from an in-between zoom", () => {
    expect(zoomIn(1)).toBe(1.25);
    expect(zoomOut(1)).toBe(0.75);
    expect(zoomIn(1.1)).toBe(1.25);
    expect(zoomOut(1.1)).toBe(1);
  });

  it("stays within the limits", () => {
    expect(zoomIn(3)).toBe(3);
    expect(zoomIn(MAX_ZOOM + 1)).toBe(MAX_ZOOM);
    expect(zoomOut(0.5)).toBe(0.5);
    expect(zoomOut(0.1)).toBe(MIN_ZOOM);
  });

  it("fits an A4 page (595 pt) to the width available", () => {
    // 595 pt at 100 % is 793 px
    expect(fitWidth(793.4, 595)).toBe(1);
    expect(fitWidth(400, 595)).toBe(0.5);
    expect(fitWidth(1600, 595)).toBe(2.01);
    expect(fitWidth(10, 595)).toBe(MIN_ZOOM);
    expect(fitWidth(0, 595)).toBe(1);
    expect(fitWidth(800, 0)).toBe(1);
  });
});

describe("PDF viewer pages", () => {
  it("accepts page numbers within the document, half- or full-width", () => {
    expect(parsePageInput("3", 5)).toBe(3);
    expect(parsePageInput(" ５ ", 5)).toBe(5);
    expect(parsePageInput("6", 5)).toBeNull();
    expect(parsePageInput("0", 5)).toBeNull();
    expect(parsePageInput("2.5", 5)).toBeNull();
    expect(parsePageInput("", 5)).toBeNull();
  });

  it("clamps a page into 1..count", () => {
    expect(clampPage(0, 3)).toBe(1);
    expect(clampPage(9, 3)).toBe(3);
    expect(clampPage(2, 0)).toBe(1);
  });

  it("takes the page most in view as the current one", () => {
    expect(
      mostVisible(
        new Map([
          [2, 0.4],
          [3, 0.6],
        ]),
      ),
    ).toBe(3);
    expect(
      mostVisible(
        new Map([
          [5, 0.5],
          [4, 0.5],
        ]),
      ),
    ).toBe(4);
    expect(mostVisible(new Map([[1, 0]]))).toBeNull();
  });
});

describe("PDF viewer keys", () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
    viewerKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

  it("zooms with + and - but leaves Ctrl+/- to the browser", () => {
    expect(key("+")).toBe("zoomIn");
    expect(key("-")).toBe("zoomOut");
    expect(key("+", { ctrlKey: true })).toBeNull();
    expect(key("0")).toBe("reset");
  });

  it("moves between pages, Ctrl+Home/End to the ends", () => {
    expect(key("n")).toBe("next");
    expect(key("p")).toBe("previous");
    expect(key("Home")).toBeNull();
    expect(key("Home", { ctrlKey: true })).toBe("first");
    expect(key("End", { metaKey: true })).toBe("last");
    expect(key("n", { altKey: true })).toBeNull();
  });
});
