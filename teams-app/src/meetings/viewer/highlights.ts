import { locateInSegments } from "../model/anchors.js";

export interface HighlightRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The text nodes of a page's text layer, in order (the layer's spans; not its end-of-content marker). */
function textNodes(layer: HTMLElement): Text[] {
  const out: Text[] = [];
  const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** The page text as the text layer has it (for anchoring when the server's text is not available). */
export function layerText(layer: HTMLElement): string {
  return textNodes(layer)
    .map((n) => n.data)
    .join("");
}

/**
 * Where a quote is drawn on a page: the client rects of the text layer's range holding it,
 * relative to the page (CSS pixels at the current zoom). Empty when the quote is not found.
 */
export function quoteRects(layer: HTMLElement, quote: string): HighlightRect[] {
  const nodes = textNodes(layer);
  const at = locateInSegments(
    nodes.map((n) => n.data),
    quote,
  );
  const page = layer.parentElement;
  if (!at || !page) return [];
  const start = nodes[at.startNode];
  const end = nodes[at.endNode];
  if (!start || !end) return [];
  const range = document.createRange();
  range.setStart(start, at.startOffset);
  range.setEnd(end, at.endOffset);
  const origin = page.getBoundingClientRect();
  return [...range.getClientRects()]
    .filter((r) => r.width > 0 && r.height > 0)
    .map((r) => ({ left: r.left - origin.left, top: r.top - origin.top, width: r.width, height: r.height }));
}
