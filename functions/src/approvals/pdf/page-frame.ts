import { concatTransformationMatrix, PDFName, type PDFPage, popGraphicsState, pushGraphicsState } from "pdf-lib";
import type { PdfPageInfo } from "./types.js";

/**
 * A page as the reader sees it. PDF pages may carry /Rotate 90/180/270 and a box whose origin
 * is not (0,0); everything Kōmu draws (band, imprints) is laid out in *visible* coordinates
 * (origin bottom-left of the page as displayed, y up) and mapped to user space with one `cm`.
 */
export interface PageFrame {
  rotation: 0 | 90 | 180 | 270;
  /** The visible box (CropBox) in user space. */
  x0: number;
  y0: number;
  width: number;
  height: number;
  visibleWidth: number;
  visibleHeight: number;
}

const normaliseRotation = (angle: number): 0 | 90 | 180 | 270 => {
  const r = (((Math.round(angle / 90) * 90) % 360) + 360) % 360;
  return r as 0 | 90 | 180 | 270;
};

export const pageFrame = (page: PDFPage): PageFrame => {
  const box = page.getCropBox();
  const rotation = normaliseRotation(page.getRotation().angle);
  const quarter = rotation === 90 || rotation === 270;
  return {
    rotation,
    x0: box.x,
    y0: box.y,
    width: box.width,
    height: box.height,
    visibleWidth: quarter ? box.height : box.width,
    visibleHeight: quarter ? box.width : box.height,
  };
};

export const pageInfo = (page: PDFPage): PdfPageInfo => {
  const f = pageFrame(page);
  return {
    width: f.width,
    height: f.height,
    rotation: f.rotation,
    visibleWidth: f.visibleWidth,
    visibleHeight: f.visibleHeight,
  };
};

type Matrix = [number, number, number, number, number, number];

/** The matrix taking visible coordinates (u, v) to user space (x, y). */
export const visibleToUser = (f: PageFrame): Matrix => {
  switch (f.rotation) {
    case 0:
      return [1, 0, 0, 1, f.x0, f.y0];
    case 90:
      return [0, 1, -1, 0, f.x0 + f.width, f.y0];
    case 180:
      return [-1, 0, 0, -1, f.x0 + f.width, f.y0 + f.height];
    case 270:
      return [0, -1, 1, 0, f.x0, f.y0 + f.height];
  }
};

/** User space (x, y) → visible coordinates (u, v): the inverse of visibleToUser. */
export const userToVisible = (f: PageFrame, x: number, y: number): { u: number; v: number } => {
  switch (f.rotation) {
    case 0:
      return { u: x - f.x0, v: y - f.y0 };
    case 90:
      return { u: y - f.y0, v: f.x0 + f.width - x };
    case 180:
      return { u: f.x0 + f.width - x, v: f.y0 + f.height - y };
    case 270:
      return { u: f.y0 + f.height - y, v: x - f.x0 };
  }
};

/**
 * Wraps the page's existing content streams in q … Q, so whatever graphics state the original
 * leaves behind (an unbalanced `cm`) cannot move what Kōmu draws after it. The original streams
 * themselves are not changed.
 */
export const isolateExistingContent = (page: PDFPage): void => {
  page.node.normalize();
  const ctx = page.doc.context;
  const start = ctx.register(ctx.contentStream([pushGraphicsState()]));
  const end = ctx.register(ctx.contentStream([popGraphicsState()]));
  page.node.wrapContentStreams(start, end);
};

/** Runs `draw` with the page's coordinates set to visible ones (pdf-lib draw* calls inside). */
export const drawInVisibleCoordinates = (page: PDFPage, f: PageFrame, draw: () => void): void => {
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...visibleToUser(f)));
  try {
    draw();
  } finally {
    page.pushOperators(popGraphicsState());
  }
};

/**
 * Adds `band` points of blank space at the *visible* top of the page by growing its boxes, so
 * the original content keeps its size and place; returns the new frame. Every box the page
 * defines (Media, Crop, Bleed, Trim, Art) grows the same way.
 */
export const extendVisibleTop = (page: PDFPage, band: number): PageFrame => {
  const f = pageFrame(page);
  const grow = (b: { x: number; y: number; width: number; height: number }) => {
    switch (f.rotation) {
      case 0:
        return { ...b, height: b.height + band };
      case 90:
        return { x: b.x - band, y: b.y, width: b.width + band, height: b.height };
      case 180:
        return { x: b.x, y: b.y - band, width: b.width, height: b.height + band };
      case 270:
        return { ...b, width: b.width + band };
    }
  };
  const set = (b: { x: number; y: number; width: number; height: number }, fn: (...n: number[]) => void) =>
    fn(b.x, b.y, b.width, b.height);
  const media = page.getMediaBox();
  const crop = page.getCropBox();
  set(grow(media), page.setMediaBox.bind(page));
  set(grow(crop), page.setCropBox.bind(page));
  for (const [key, get, setter] of [
    ["BleedBox", page.getBleedBox.bind(page), page.setBleedBox.bind(page)],
    ["TrimBox", page.getTrimBox.bind(page), page.setTrimBox.bind(page)],
    ["ArtBox", page.getArtBox.bind(page), page.setArtBox.bind(page)],
  ] as const) {
    if (page.node.get(PDFName.of(key))) set(grow(get()), setter);
  }
  return pageFrame(page);
};
