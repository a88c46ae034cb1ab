/** HTML helpers of the guardian page: escaping, the JST deadline, the document frame. */

export const esc = (s: unknown): string =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );

/** Multi-line text as paragraphs' lines (escaped, line breaks kept). */
export const lines = (s: string): string => esc(s).replace(/\r?\n/g, "<br>");

const JST = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** 「2026年12月1日(火) 18:00」 (JST). */
export function jstDeadline(iso: string): string {
  const parts = Object.fromEntries(JST.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}年${parts.month}月${parts.day}日(${parts.weekday}) ${parts.hour}:${parts.minute}`;
}

/** Where the page's script and style are served (same origin, so the CSP stays `'self'`). */
export const SCRIPT_PATH = "/api/public/s.js";
export const STYLE_PATH = "/api/public/s.css";

/** The guardian page's CSP: no inline script or style, fetch only to itself, no framing. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function documentFrame(opts: { title: string; body: string; head?: string; script?: boolean }): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${esc(opts.title)}</title>
<link rel="stylesheet" href="${STYLE_PATH}">
${opts.script ? `<script src="${SCRIPT_PATH}" defer></script>\n` : ""}${opts.head ?? ""}</head>
<body>
<main id="main">
${opts.body}
</main>
</body>
</html>`;
}
