/**
 * Data strings are made inert before template expansion and restored after it.
 *
 * adaptivecards-templating (2.3) does not re-expand a value it substituted (a display name
 * "${secret}" comes out as the text "${secret}"), but then the rendered card cannot be told apart
 * from a template binding left unresolved by a bug, which renderCard refuses. So every string in
 * the data has "${" replaced by a private-use marker before expansion (and the marker itself
 * escaped, so the mapping is reversible for any input); after the card is validated the markers
 * are turned back into the user's exact characters. The engine never sees "${" coming from data.
 */
const MARK = "\uE000";
const ESC_MARK = `${MARK}\uE001`;
const ESC_BINDING = `${MARK}\uE002`;

export function protectString(s: string): string {
  return s.replaceAll(MARK, ESC_MARK).replaceAll("${", ESC_BINDING);
}

export function restoreString(s: string): string {
  return s.includes(MARK) ? s.replace(/\uE000([\uE001\uE002])/g, (_, c: string) => (c === "\uE001" ? MARK : "${")) : s;
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), mapStrings(v, f)]));
  }
  return value;
}

export const protectData = (data: unknown): unknown => mapStrings(data, protectString);
export const restoreData = (card: unknown): unknown => mapStrings(card, restoreString);
