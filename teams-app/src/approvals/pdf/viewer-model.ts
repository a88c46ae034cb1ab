/** Zoom levels offered by the viewer (1 = 100 %, CSS pixels per PDF point × 96/72). */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 4;

const clampZoom = (z: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

/** The next larger step (from any zoom, e.g. a fit-to-width one). */
export function zoomIn(current: number): number {
  return ZOOM_STEPS.find((s) => s > current + 1e-6) ?? clampZoom(current);
}

/** The next smaller step. */
export function zoomOut(current: number): number {
  return [...ZOOM_STEPS].reverse().find((s) => s < current - 1e-6) ?? clampZoom(current);
}

/** The zoom at which a page `pageWidth` points wide fills `available` CSS pixels (never below MIN_ZOOM). */
export function fitWidth(available: number, pageWidthPt: number): number {
  if (!(available > 0) || !(pageWidthPt > 0)) return 1;
  return clampZoom(Math.floor((((available / pageWidthPt) * 72) / 96) * 100) / 100);
}

/** A page number typed by the user: an integer within 1..count, else null. Full-width digits are accepted. */
export function parsePageInput(text: string, count: number): number | null {
  const ascii = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d+$/.test(ascii)) return null;
  const n = Number(ascii);
  return n >= 1 && n <= count ? n : null;
}

export const clampPage = (page: number, count: number): number =>
  Math.min(Math.max(1, Math.round(page)), Math.max(1, count));

/** The page most in view: the largest visible ratio wins, the earlier page on a tie. */
export function mostVisible(ratios: ReadonlyMap<number, number>): number | null {
  let best: number | null = null;
  let bestRatio = 0;
  for (const [page, ratio] of [...ratios].sort((a, b) => a[0] - b[0])) {
    if (ratio > bestRatio) {
      best = page;
      bestRatio = ratio;
    }
  }
  return best;
}

/** Keyboard shortcuts of the page area (besides the browser's own scrolling keys). */
export type ViewerKey = "next" | "previous" | "first" | "last" | "zoomIn" | "zoomOut" | "reset";

export function viewerKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): ViewerKey | null {
  if (e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  switch (e.key) {
    case "+":
    case "=":
      return mod ? null : "zoomIn"; // Ctrl + stays the browser's zoom
    case "-":
      return mod ? null : "zoomOut";
    case "0":
      return mod ? null : "reset";
    case "n":
    case "j":
      return mod ? null : "next";
    case "p":
    case "k":
      return mod ? null : "previous";
    case "Home":
      return mod ? "first" : null;
    case "End":
      return mod ? "last" : null;
    default:
      return null;
  }
}
