import type { ApprovalSummaryView } from "@komu/shared";

/** A list shown page by page: the items so far and the cursor of the next page (absent on the last). */
export interface PagedList {
  items: ApprovalSummaryView[];
  next?: string;
}

/**
 * The list with the next page appended: items already shown (an approval that moved between two
 * requests) are not repeated; the cursor becomes the new page's.
 */
export function appendPage(list: PagedList, page: PagedList): PagedList {
  const seen = new Set(list.items.map((i) => i.id));
  const items = [...list.items, ...page.items.filter((i) => !seen.has(i.id))];
  return page.next ? { items, next: page.next } : { items };
}
