/**
 * Each page's text of a PDF, as pdf.js reads it (the same library the tab's viewer uses): the
 * text items of a page joined in content order, a line break where pdf.js reports an end of
 * line. The notes' anchoring and the viewer's search both use this text (GET …/text), so a quote
 * taken in the viewer is found again on the server after a new version.
 */
import { TEXT_TIMEOUT_MS, withPdf } from "../../approvals/pdf/text-items.js";

/** At most this many characters are kept per material version (the row stays well under Tables' 1 MiB). */
export const MATERIAL_TEXT_MAX_CHARS = 200_000;
/** A hostile or huge file must not hold the request: pages beyond this keep no text. */
export const MATERIAL_TEXT_MAX_PAGES = 2_000;

export async function extractPageTexts(bytes: Uint8Array, timeoutMs = 4 * TEXT_TIMEOUT_MS): Promise<string[]> {
  return withPdf(bytes, timeoutMs, async (doc) => {
    const pages: string[] = [];
    let budget = MATERIAL_TEXT_MAX_CHARS;
    for (let n = 1; n <= doc.numPages; n++) {
      if (n > MATERIAL_TEXT_MAX_PAGES || budget <= 0) {
        pages.push("");
        continue;
      }
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str;
        if (item.hasEOL) text += "\n";
      }
      page.cleanup();
      text = text.trimEnd().slice(0, budget);
      budget -= text.length;
      pages.push(text);
    }
    return pages;
  });
}
