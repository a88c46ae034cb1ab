import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { drawColorIcon, drawOutlineIcon } from "./icons.js";
import { crc32, encodePng, readPngHeader } from "./png.js";

describe("png", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("encodes RGBA that round-trips through inflate and reports its header", () => {
    const pixels = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
    const png = encodePng(2, 2, pixels);
    expect(readPngHeader(png)).toEqual({ width: 2, height: 2, bitDepth: 8, colorType: 6, hasAlpha: true });
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString("ascii")).toBe("IDAT");
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect([...raw]).toEqual([0, ...pixels.subarray(0, 8), 0, ...pixels.subarray(8)]);
  });

  it("rejects what is not a PNG", () => {
    expect(() => readPngHeader(new TextEncoder().encode("GIF89a".padEnd(40, "x")))).toThrow(/not a PNG/);
  });

  it("draws an outline icon that is only white with varying transparency", () => {
    const px = drawOutlineIcon(32);
    let opaque = 0;
    for (let i = 0; i < px.length; i += 4) {
      expect([px[i], px[i + 1], px[i + 2]]).toEqual([255, 255, 255]);
      if (px[i + 3] === 255) opaque++;
    }
    expect(px[3]).toBe(0); // the corner is transparent
    expect(opaque).toBeGreaterThan(50);
  });

  it("draws a colour icon with an opaque centre and white strokes", () => {
    const px = drawColorIcon(192);
    const at = (x: number, y: number) => [...px.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 4)];
    expect(at(96, 10)).toEqual([0x1f, 0x4e, 0x79, 255]); // background tile
    expect(at(63, 96)).toEqual([255, 255, 255, 255]); // the K's stem
  });
});
