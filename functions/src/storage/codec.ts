/**
 * Stores a JSON value in Azure Table properties.
 *
 * Table limits: a string property holds at most 64 KiB (UTF-16, so 32 768 chars) and an entity at
 * most 1 MiB and 255 properties. A value is serialised to JSON and split over properties
 * `<name>0`, `<name>1`, … of at most CHUNK_CHARS characters each (never splitting a surrogate
 * pair), with `<name>N` holding the count. Values larger than `maxChars` are refused with
 * `PAYLOAD_TOO_LARGE` before any request is sent.
 */
import { KomuError } from "@komu/shared";

export const CHUNK_CHARS = 30_000;
/** ~960 KB as UTF-16: leaves room for the entity's other properties inside 1 MiB. */
export const MAX_JSON_CHARS = 480_000;

export type Props = Record<string, unknown>;

export function encodeJson(name: string, value: unknown, maxChars = MAX_JSON_CHARS): Props {
  const json = JSON.stringify(value);
  if (json === undefined)
    throw new KomuError("VALIDATION_FAILED", { details: { reason: "value is not JSON-serialisable" } });
  if (json.length > maxChars) {
    throw new KomuError("PAYLOAD_TOO_LARGE", {
      details: { size: json.length, limit: maxChars },
      message: {
        ja: `データが大きすぎます（${json.length} 文字、上限 ${maxChars} 文字）。`,
        en: `The data is too large (${json.length} characters, limit ${maxChars}).`,
      },
    });
  }
  const props: Props = {};
  let i = 0;
  let at = 0;
  do {
    let end = Math.min(at + CHUNK_CHARS, json.length);
    // Do not cut between a high and a low surrogate.
    if (end < json.length) {
      const c = json.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff) end -= 1;
    }
    props[`${name}${i}`] = json.slice(at, end);
    i += 1;
    at = end;
  } while (at < json.length);
  props[`${name}N`] = i;
  return props;
}

export function decodeJson(name: string, entity: Props): unknown {
  const n = entity[`${name}N`];
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    throw new Error(`stored value "${name}" has no chunk count`);
  }
  let json = "";
  for (let i = 0; i < n; i++) {
    const part = entity[`${name}${i}`];
    if (typeof part !== "string") throw new Error(`stored value "${name}" is missing chunk ${i}`);
    json += part;
  }
  return JSON.parse(json);
}
