import type { PDFFont, PDFImage, PDFPage } from "pdf-lib";
import { rgb } from "pdf-lib";

/** 朱肉 (vermilion) of the imprints. */
export const SEAL_RED = rgb(0.84, 0.12, 0.1);

export interface ImprintSpec {
  /** Centre and diameter, in the coordinates currently in force (visible page coordinates). */
  cx: number;
  cy: number;
  size: number;
  /** Upper segment: the role (「校長」) or 「代決」. */
  top: string;
  /** Middle band: the date (`R8.11.25`). */
  date: string;
  /** Lower segment: the surname (「松尾」). */
  surname: string;
  /** A registered seal image drawn instead of the vector imprint (the date is printed below it). */
  image?: PDFImage;
}

/** Largest size ≤ `max` at which `text` fits in `width`. */
const fitSize = (font: PDFFont, text: string, width: number, max: number): number => {
  const w1 = font.widthOfTextAtSize(text, 1);
  return w1 <= 0 ? max : Math.min(max, width / w1);
};

/** Half the chord of a circle of radius r at distance d from its centre. */
const halfChord = (r: number, d: number) => Math.sqrt(Math.max(0, r * r - d * d));

/**
 * A 日付印 (data-name stamp) drawn as vectors: a red circle, a middle band between two
 * horizontal rules holding the date, the role above and the surname below. Text is real text
 * (subset IPAex Gothic), so it can be searched and extracted.
 */
export const drawImprint = (page: PDFPage, font: PDFFont, spec: ImprintSpec): void => {
  const { cx, cy, size } = spec;
  const r = size / 2;
  if (spec.image) {
    drawRegisteredImage(page, font, spec);
    return;
  }
  const stroke = Math.max(0.7, size * 0.035);
  const band = size * 0.17; // half height of the date band
  page.drawCircle({ x: cx, y: cy, size: r - stroke / 2, borderColor: SEAL_RED, borderWidth: stroke });
  for (const dy of [band, -band]) {
    const half = halfChord(r - stroke, Math.abs(dy));
    page.drawLine({
      start: { x: cx - half, y: cy + dy },
      end: { x: cx + half, y: cy + dy },
      thickness: stroke * 0.8,
      color: SEAL_RED,
    });
  }
  // Date: centred in the band.
  const dateSize = fitSize(font, spec.date, 2 * halfChord(r, band) * 0.86, band * 2 * 0.72);
  page.drawText(spec.date, {
    x: cx - font.widthOfTextAtSize(spec.date, dateSize) / 2,
    y: cy - dateSize * 0.36,
    size: dateSize,
    font,
    color: SEAL_RED,
  });
  // Segments: the text's far edge must stay inside the circle.
  const segment = (text: string, sign: 1 | -1, maxShare: number) => {
    const segH = r - stroke - band;
    let fs = segH * maxShare;
    for (let i = 0; i < 4; i++) {
      const far = band + segH * 0.5 + fs * 0.55;
      fs = fitSize(font, text, 2 * halfChord(r - stroke, far) * 0.9, segH * maxShare);
    }
    const mid = cy + sign * (band + segH * 0.48);
    page.drawText(text, {
      x: cx - font.widthOfTextAtSize(text, fs) / 2,
      y: mid - fs * 0.36,
      size: fs,
      font,
      color: SEAL_RED,
    });
  };
  if (spec.top) segment(spec.top, 1, 0.5);
  segment(spec.surname, -1, 0.7);
};

const drawRegisteredImage = (page: PDFPage, font: PDFFont, spec: ImprintSpec): void => {
  const image = spec.image;
  if (!image) return;
  const dateSize = spec.size * 0.16;
  const box = spec.size - dateSize * 1.2;
  const scale = Math.min(box / image.width, box / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  const top = spec.cy + spec.size / 2;
  page.drawImage(image, { x: spec.cx - w / 2, y: top - h, width: w, height: h });
  page.drawText(spec.date, {
    x: spec.cx - font.widthOfTextAtSize(spec.date, dateSize) / 2,
    y: top - box - dateSize,
    size: dateSize,
    font,
    color: SEAL_RED,
  });
  // The surname is kept as (invisible) text so search and verification find who sealed.
  page.drawText(spec.surname, {
    x: spec.cx - font.widthOfTextAtSize(spec.surname, 1) / 2,
    y: spec.cy,
    size: 1,
    font,
    color: SEAL_RED,
    opacity: 0,
  });
};
