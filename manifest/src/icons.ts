/**
 * Draws Kōmu's emblem (a "K" on a deep-blue tile) as RGBA pixels. Pure geometry with 4×4
 * supersampling, so the icons can be regenerated without any image library.
 */
export const ACCENT = { hex: "#1F4E79", rgb: [0x1f, 0x4e, 0x79] as const };

type Shape = (x: number, y: number) => boolean;

const segment =
  (ax: number, ay: number, bx: number, by: number, halfWidth: number): Shape =>
  (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    const px = ax + t * dx - x;
    const py = ay + t * dy - y;
    return px * px + py * py <= halfWidth * halfWidth;
  };

const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.max(x0 + r, Math.min(x1 - r, x));
    const cy = Math.max(y0 + r, Math.min(y1 - r, y));
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };

/** The letter K in unit coordinates (0..1). */
function letterK(stroke: number): Shape {
  const h = stroke / 2;
  const stem = segment(0.33, 0.24, 0.33, 0.76, h);
  const upper = segment(0.36, 0.55, 0.7, 0.24, h);
  const lower = segment(0.47, 0.45, 0.72, 0.76, h);
  return (x, y) => stem(x, y) || upper(x, y) || lower(x, y);
}

function coverage(shape: Shape, px: number, py: number, size: number, samples = 4): number {
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
    }
  }
  return hits / (samples * samples);
}

/** 192×192 full-colour icon: accent tile, white K. */
export function drawColorIcon(size = 192): Uint8Array {
  const tile = roundedRect(0, 0, 1, 1, 0.18);
  const k = letterK(0.13);
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(tile, x, y, size);
      const w = coverage(k, x, y, size);
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) out[i + c] = Math.round((ACCENT.rgb[c] as number) * (1 - w) + 255 * w);
      out[i + 3] = Math.round(255 * a);
    }
  }
  return out;
}

/** 32×32 outline icon: white K and a white frame on a transparent background. */
export function drawOutlineIcon(size = 32): Uint8Array {
  const outer = roundedRect(0.03, 0.03, 0.97, 0.97, 0.2);
  const inner = roundedRect(0.1, 0.1, 0.9, 0.9, 0.14);
  const frame: Shape = (x, y) => outer(x, y) && !inner(x, y);
  const k = letterK(0.12);
  const shape: Shape = (x, y) => frame(x, y) || k(x, y);
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      out[i] = 255;
      out[i + 1] = 255;
      out[i + 2] = 255;
      out[i + 3] = Math.round(255 * coverage(shape, x, y, size));
    }
  }
  return out;
}
