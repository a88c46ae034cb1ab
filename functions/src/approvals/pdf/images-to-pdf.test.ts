import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { imagesToPdf } from "./images-to-pdf.js";
import { inspectPdf } from "./inspect-pdf.js";
import { jpegOrientation } from "./jpeg-orientation.js";

/** A 1×1 PNG. */
const PNG_1x1 = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
    "base64",
  ),
);

/** A grey PNG of w×h, encoded by hand (pdf-lib cannot write PNGs). */
const pngOf = async (w: number, h: number): Promise<Uint8Array> => {
  const { deflateSync, crc32 } = await import("node:zlib");
  const row = Buffer.alloc(1 + w * 3, 0x80);
  row[0] = 0;
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // truecolour
  return Uint8Array.from(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", deflateSync(raw)),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
};

/** A minimal JPEG header with an EXIF Orientation tag (enough for jpegOrientation). */
const exifJpegHeader = (orientation: number, little: boolean): Uint8Array => {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write(little ? "II" : "MM", 0, "latin1");
  const u16 = (v: number, o: number) => (little ? tiff.writeUInt16LE(v, o) : tiff.writeUInt16BE(v, o));
  const u32 = (v: number, o: number) => (little ? tiff.writeUInt32LE(v, o) : tiff.writeUInt32BE(v, o));
  u16(42, 2);
  u32(8, 4);
  u16(1, 8);
  u16(0x0112, 10);
  u16(3, 12);
  u32(1, 14);
  u16(orientation, 18);
  const app1 = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(app1.length + 2);
  return Uint8Array.from(
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), len, app1, Buffer.from([0xff, 0xda, 0, 2])]),
  );
};

describe("imagesToPdf", () => {
  it("makes one A4 page per image, landscape for a wide image, portrait for a tall one", async () => {
    const pdf = await imagesToPdf([
      { bytes: await pngOf(40, 20), mediaType: "image/png" },
      { bytes: await pngOf(20, 40), mediaType: "image/png" },
      { bytes: PNG_1x1, mediaType: "image/png" },
    ]);
    const info = await inspectPdf(pdf);
    expect(info.pageCount).toBe(3);
    expect(info.pages[0]).toMatchObject({ visibleWidth: 841.89, visibleHeight: 595.28 });
    expect(info.pages[1]).toMatchObject({ visibleWidth: 595.28, visibleHeight: 841.89 });
    expect(info.pages[2]).toMatchObject({ visibleWidth: 595.28, visibleHeight: 841.89 });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPage(0).node.Resources()?.toString()).toContain("XObject");
  });

  it("refuses what is not a PNG or JPEG, whatever the declared type", async () => {
    await expect(
      imagesToPdf([{ bytes: new TextEncoder().encode("GIF89a...."), mediaType: "image/png" }]),
    ).rejects.toMatchObject({ code: "IMAGE_INVALID", details: { index: 0 } });
    await expect(imagesToPdf([])).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("reads the EXIF orientation of a JPEG (both byte orders)", () => {
    expect(jpegOrientation(exifJpegHeader(6, true))).toBe(1);
    expect(jpegOrientation(exifJpegHeader(8, false))).toBe(3);
    expect(jpegOrientation(exifJpegHeader(3, true))).toBe(2);
    expect(jpegOrientation(exifJpegHeader(1, false))).toBe(0);
    expect(jpegOrientation(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBe(0);
  });
  it("turns a JPEG by its EXIF orientation: a landscape-stored photo taken upright makes a portrait page", async () => {
    // SOI, APP1 (EXIF orientation 6), SOF0 40×20 3 components, EOI: enough for pdf-lib, which
    // embeds JPEG data as it is (DCTDecode) and reads only the frame header.
    const exif = exifJpegHeader(6, true).subarray(2, -4);
    const sof = Uint8Array.from([0xff, 0xc0, 0, 17, 8, 0, 20, 0, 40, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
    const jpeg = Uint8Array.from([0xff, 0xd8, ...exif, ...sof, 0xff, 0xd9]);
    expect(jpegOrientation(jpeg)).toBe(1);
    const info = await inspectPdf(await imagesToPdf([{ bytes: jpeg, mediaType: "image/jpeg" }]));
    expect(info.pages[0]).toMatchObject({ visibleWidth: 595.28, visibleHeight: 841.89 });
    const plain = Uint8Array.from([0xff, 0xd8, ...sof, 0xff, 0xd9]);
    const landscape = await inspectPdf(await imagesToPdf([{ bytes: plain, mediaType: "image/jpeg" }]));
    expect(landscape.pages[0]).toMatchObject({ visibleWidth: 841.89, visibleHeight: 595.28 });
  });
});
