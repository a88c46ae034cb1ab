/**
 * Quarter turns clockwise a viewer applies to a JPEG for its EXIF Orientation (tag 0x0112):
 * 1→0, 6→1, 3→2, 8→3; mirrored variants (2, 4, 5, 7) get the same turn without the mirror.
 * 0 when there is no EXIF or it cannot be read.
 */
export const jpegOrientation = (b: Uint8Array): number => {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let p = 2;
  while (p + 4 <= b.length && b[p] === 0xff) {
    const marker = b[p + 1] ?? 0;
    const len = view.getUint16(p + 2);
    if (marker === 0xda || len < 2) return 0; // start of scan: no EXIF before the image data
    if (marker === 0xe1 && p + 10 <= b.length && String.fromCharCode(...b.subarray(p + 4, p + 10)) === "Exif\0\0")
      return fromTiff(view, p + 10, Math.min(b.length, p + 2 + len));
    p += 2 + len;
  }
  return 0;
};

const TURNS: Record<number, number> = { 1: 0, 2: 0, 3: 2, 4: 2, 5: 1, 6: 1, 7: 3, 8: 3 };

const fromTiff = (view: DataView, start: number, end: number): number => {
  try {
    const little = view.getUint16(start) === 0x4949;
    const u16 = (o: number) => view.getUint16(o, little);
    const u32 = (o: number) => view.getUint32(o, little);
    const ifd = start + u32(start + 4);
    const count = u16(ifd);
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      if (entry + 12 > end) return 0;
      if (u16(entry) === 0x0112) return TURNS[u16(entry + 8)] ?? 0;
    }
  } catch {
    return 0;
  }
  return 0;
};
