import { type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { drawImprint, type ImprintSpec } from "./draw-seal.js";
import { drawInVisibleCoordinates, extendVisibleTop } from "./page-frame.js";

/** Height of the band added at the visible top of page 1 when there is no 押印欄 (points). */
export const BAND_HEIGHT = 78;
const MARGIN = 18;
const LABEL_ROW = 13;
const MAX_CELL = 58;
const MIN_CELL = 30;
const INK = rgb(0.25, 0.25, 0.25);

export interface BandCell {
  /** Header of the cell (「校長」「教頭」「起案者」). */
  label: string;
  imprint: Omit<ImprintSpec, "cx" | "cy" | "size">;
}

/**
 * The stamp band (決裁欄) as on a paper 起案用紙: a row of cells, each a role label over an
 * imprint, the final approver on the left and the drafter on the right, right-aligned; on the
 * left, what the document is. The page grows by BAND_HEIGHT at its visible top (see
 * extendVisibleTop), so the original content is neither moved nor scaled.
 */
export const addStampBand = (page: PDFPage, font: PDFFont, cells: BandCell[], lines: string[]): void => {
  const frame = extendVisibleTop(page, BAND_HEIGHT);
  const bottom = frame.visibleHeight - BAND_HEIGHT;
  const top = frame.visibleHeight;
  const width = frame.visibleWidth;
  drawInVisibleCoordinates(page, frame, () => {
    page.drawRectangle({ x: 0, y: bottom, width, height: BAND_HEIGHT, color: rgb(1, 1, 1) });
    page.drawLine({
      start: { x: MARGIN / 2, y: bottom + 1 },
      end: { x: width - MARGIN / 2, y: bottom + 1 },
      thickness: 0.5,
      color: INK,
    });
    const n = Math.max(1, cells.length);
    // The description on the left gives way when the cells would not fit beside it (narrow pages).
    const fitsBeside = (width - 2 * MARGIN - Math.min(190, width * 0.34) - 8) / n >= MIN_CELL;
    const textWidth = fitsBeside ? Math.min(190, width * 0.34) : 0;
    const room = width - 2 * MARGIN - (fitsBeside ? textWidth + 8 : 0);
    const cell = Math.min(MAX_CELL, room / n);
    const cellTop = top - 8;
    const cellBottom = bottom + 7;
    const cellHeight = cellTop - cellBottom;
    const right = width - MARGIN;
    // Rightmost = the drafter / first step; the list is in route order, drawn right to left.
    cells.forEach((c, i) => {
      const x = right - (i + 1) * cell;
      page.drawRectangle({ x, y: cellBottom, width: cell, height: cellHeight, borderColor: INK, borderWidth: 0.6 });
      page.drawLine({
        start: { x, y: cellTop - LABEL_ROW },
        end: { x: x + cell, y: cellTop - LABEL_ROW },
        thickness: 0.6,
        color: INK,
      });
      const ls = Math.min(8, ((cell - 4) / Math.max(1, font.widthOfTextAtSize(c.label, 1))) * 0.95);
      page.drawText(c.label, {
        x: x + cell / 2 - font.widthOfTextAtSize(c.label, ls) / 2,
        y: cellTop - LABEL_ROW + (LABEL_ROW - ls) / 2 + ls * 0.15,
        size: ls,
        font,
        color: INK,
      });
      const size = Math.min(cell - 6, cellHeight - LABEL_ROW - 5);
      drawImprint(page, font, { ...c.imprint, cx: x + cell / 2, cy: cellBottom + (cellHeight - LABEL_ROW) / 2, size });
    });
    let y = top - 16;
    for (const [i, line] of (textWidth > 0 ? lines : []).entries()) {
      const size = i === 0 ? 10 : 7.5;
      const fitted = Math.min(size, (textWidth / Math.max(1, font.widthOfTextAtSize(line, 1))) * 0.98);
      page.drawText(line, { x: MARGIN, y, size: fitted, font, color: INK });
      y -= size + 4;
      if (y < bottom + 6) break;
    }
  });
};
