import type { RecordPage } from "@komu/shared";
import { useCallback, useState } from "react";
import { useLoad } from "../../app/useLoad.js";
import type { RecordFilters } from "../api/records-api.js";
import { useRecords } from "./RecordsContext.js";

export const PAGE_SIZE = 50;

/**
 * Cursor paging over GET …/records: the page for the current cursor, with "next" and "previous"
 * (a stack of the cursors seen). Changing the filters starts again at the first page.
 */
export function usePagedRecords(filters: RecordFilters | null) {
  const { api } = useRecords();
  const [cursors, setCursors] = useState<string[]>([]);
  const key = JSON.stringify(filters);
  const [lastKey, setLastKey] = useState(key);
  if (key !== lastKey) {
    setLastKey(key);
    setCursors([]);
  }
  const cursor = cursors.at(-1);
  const [page, reload] = useLoad<RecordPage | null>(
    () =>
      filters === null
        ? Promise.resolve(null)
        : api.list({ ...filters, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    [api, key, cursor],
  );
  const next = useCallback((nextCursor: string) => setCursors((c) => [...c, nextCursor]), []);
  const previous = useCallback(() => setCursors((c) => c.slice(0, -1)), []);
  return { page, reload, pageNumber: cursors.length + 1, next, previous };
}
