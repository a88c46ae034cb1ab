import { describe, expect, it } from "vitest";
import { pngSize, SEAL_MAX_BYTES, sealImageProblem } from "./seal-image.js";

/** The first 24 bytes of a PNG of width × height. */
function pngHead(width: number, height: number): Uint8Array {
  const head = new Uint8Array(24);
  head.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(head.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return head;
}

describe("seal image checks (as the server's)", () => {
  it("reads a PNG's size and refuses what is not a PNG", () => {
    expect(pngSize(pngHead(120, 118))).toEqual({ width: 120, height: 118 });
    expect(pngSize(new TextEncoder().encode("\xff\xd8\xff JPEG, not a PNG......."))).toBeNull();
    expect(pngSize(new Uint8Array(8))).toBeNull();
  });

  it("accepts a square-ish PNG of 32–1000 px up to 512 KB", () => {
    expect(sealImageProblem(10_000, pngHead(32, 32))).toBeNull();
    expect(sealImageProblem(SEAL_MAX_BYTES, pngHead(1000, 500))).toBeNull();
  });

  it("refuses empty, too large, not PNG, too small, too big or too long", () => {
    expect(sealImageProblem(0, pngHead(100, 100))).toBe("empty");
    expect(sealImageProblem(SEAL_MAX_BYTES + 1, pngHead(100, 100))).toBe("tooLarge");
    expect(sealImageProblem(100, new Uint8Array(24))).toBe("type");
    expect(sealImageProblem(100, pngHead(31, 40))).toBe("dimensions");
    expect(sealImageProblem(100, pngHead(1001, 1000))).toBe("dimensions");
    expect(sealImageProblem(100, pngHead(300, 100))).toBe("dimensions");
  });
});
