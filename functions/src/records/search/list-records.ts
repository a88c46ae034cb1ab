/**
 * GET …/records: Kōmu's index (Table rows, newest first: record ids sort by time) filtered by
 * 年度 / category / status on the server, then by number (whole or serial), person and words,
 * and by access (records the caller may not read are not listed). With `q`, Graph search adds
 * full-text hits (searched: "fulltext"). Paging: an opaque cursor (Table continuation token of a
 * fixed-size page + the position in it).
 */
import { KomuError, type Principal, type RecordListQuery, type RecordPage } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordsDeps } from "../deps.js";
import type { RecordData } from "../entities.js";
import { canRead } from "../read/access.js";
import { recordsRepos, SETTINGS_ID } from "../repos.js";
import { normalizeText, toRecordView } from "../view.js";
import { type FulltextHits, fulltextSearch } from "./fulltext.js";

const PAGE = 200;
/** Rows examined per request at most; beyond that the caller gets a cursor to go on. */
const MAX_SCANNED = 5000;

interface Cursor {
  t?: string;
  s: number;
}

/**
 * The Table continuation token the SDK will decode (base64 of `{ nextPartitionKey, nextRowKey? }`):
 * anything else would make it throw (a 500). The query's own filter keeps it in the school's partition.
 */
function isContinuationToken(token: string): boolean {
  const t = JSON.parse(Buffer.from(token, "base64").toString("latin1")) as Record<string, unknown> | null;
  return (
    typeof t === "object" &&
    t !== null &&
    typeof t.nextPartitionKey === "string" &&
    (t.nextRowKey === undefined || typeof t.nextRowKey === "string")
  );
}

export function decodeCursor(raw: string | undefined): Cursor {
  if (!raw) return { s: 0 };
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if (
      typeof c === "object" &&
      c !== null &&
      Number.isSafeInteger(c.s) &&
      c.s >= 0 &&
      (c.t === undefined || (typeof c.t === "string" && isContinuationToken(c.t)))
    )
      return c;
  } catch {
    // fall through
  }
  throw new KomuError("VALIDATION_FAILED", {
    details: { target: "query", issues: [{ path: "cursor", code: "custom", message: "invalid cursor" }] },
  });
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c), "utf8").toString("base64url");

function numberMatches(r: RecordData, wanted: string): boolean {
  if (!r.number) return false;
  const w = normalizeText(wanted).replace(/\s+/g, "");
  if (normalizeText(r.number.text) === w) return true;
  return /^\d+$/.test(w) && Number(w) === r.number.serial;
}

export function matcher(query: RecordListQuery, fulltext: FulltextHits | undefined) {
  const words = query.q ? normalizeText(query.q).split(/\s+/).filter(Boolean) : [];
  const person = query.person ? normalizeText(query.person) : undefined;
  return (row: StoredEntity<RecordData>): boolean => {
    const r = row.data;
    if (!query.status && r.status === "disposed") return false;
    if (query.number && !numberMatches(r, query.number)) return false;
    if (person && !normalizeText(`${r.authorName}\n${r.author.name}`).includes(person)) return false;
    if (words.length > 0) {
      const inIndex = words.every((w) => r.searchText.includes(w));
      const inFulltext =
        !!fulltext &&
        (fulltext.recordIds.has(row.id) ||
          (!!r.driveItemId && fulltext.driveItemIds.has(r.driveItemId)) ||
          (!!r.listItemId && fulltext.listItemIds.has(r.listItemId)));
      if (!inIndex && !inFulltext) return false;
    }
    return true;
  };
}

export async function listRecords(
  deps: RecordsDeps,
  principal: Principal,
  schoolId: string,
  query: RecordListQuery,
): Promise<RecordPage> {
  const repos = recordsRepos(deps.storage);
  const start = decodeCursor(query.cursor);
  let fulltext: FulltextHits | undefined;
  if (query.q) {
    const settings = await repos.settings.get(schoolId, SETTINGS_ID);
    if (settings?.data.library) {
      fulltext = await fulltextSearch(deps, settings.data.library, query.q).catch((e) => {
        deps.logger.warn("records: full-text search unavailable, index only", { schoolId, error: String(e) });
        return undefined;
      });
    }
  }
  const where: Record<string, string | number> = {};
  if (query.fiscalYear !== undefined) where.fiscalYear = query.fiscalYear;
  if (query.categoryCode) where.categoryCode = query.categoryCode;
  if (query.status) where.status = query.status;
  const matches = matcher(query, fulltext);

  const items: ReturnType<typeof toRecordView>[] = [];
  let scanned = 0;
  let next: Cursor | undefined = start;
  while (next && items.length < query.limit && scanned < MAX_SCANNED) {
    const page = await repos.records.list(schoolId, {
      limit: PAGE,
      where,
      ...(next.t ? { continuationToken: next.t } : {}),
    });
    let i: number = next.s;
    for (; i < page.items.length && items.length < query.limit; i++) {
      const row = page.items[i] as StoredEntity<RecordData>;
      scanned += 1;
      if (matches(row) && canRead(principal, row)) items.push(toRecordView(row));
    }
    if (i < page.items.length) next = { ...(next.t ? { t: next.t } : {}), s: i };
    else next = page.continuationToken ? { t: page.continuationToken, s: 0 } : undefined;
  }
  return {
    items,
    nextCursor: next ? encodeCursor(next) : null,
    searched: fulltext ? "fulltext" : "index",
  };
}
