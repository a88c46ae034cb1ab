import type { ApprovalSummaryView } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { appendPage } from "./list-pages.js";

const item = (id: string) => ({ id }) as ApprovalSummaryView;

describe("list pages", () => {
  it("appends the next page without repeating items and takes its cursor", () => {
    const first = { items: [item("a"), item("b")], next: "2" };
    const second = appendPage(first, { items: [item("b"), item("c")], next: "4" });
    expect(second.items.map((i) => i.id)).toEqual(["a", "b", "c"]);
    expect(second.next).toBe("4");
  });

  it("the last page has no cursor", () => {
    const last = appendPage({ items: [item("a")], next: "1" }, { items: [item("b")] });
    expect(last).toEqual({ items: [item("a"), item("b")] });
    expect("next" in last).toBe(false);
  });
});
