import { describe, expect, it } from "vitest";
import type { StoredEntity } from "../storage/index.js";
import { countsOf, planImport, sameData } from "./diff.js";

type Row = { name: string; active: boolean };
const stored = (id: string, data: Row): StoredEntity<Row> => ({
  kind: "k",
  schoolId: "s",
  id,
  etag: `etag-${id}`,
  createdAt: "",
  updatedAt: "",
  data,
});

describe("planImport", () => {
  it("creates new rows, updates changed or returning ones, keeps equal ones, deactivates missing active ones", () => {
    const plan = planImport(
      [
        stored("same", { name: "a", active: true }),
        stored("changed", { name: "old", active: true }),
        stored("back", { name: "b", active: false }),
        stored("gone", { name: "g", active: true }),
        stored("long-gone", { name: "l", active: false }),
      ],
      new Map<string, Row>([
        ["same", { active: true, name: "a" }],
        ["changed", { name: "new", active: true }],
        ["back", { name: "b", active: true }],
        ["new", { name: "n", active: true }],
      ]),
    );
    expect(plan.creates).toEqual([{ id: "new", data: { name: "n", active: true } }]);
    expect(plan.updates.map((w) => [w.id, w.etag])).toEqual([
      ["back", "etag-back"],
      ["changed", "etag-changed"],
    ]);
    expect(plan.deactivations).toEqual([{ id: "gone", data: { name: "g", active: false }, etag: "etag-gone" }]);
    expect(countsOf(plan)).toEqual({ created: 1, updated: 2, unchanged: 1, deactivated: 1 });
  });

  it("compares values whatever the key order", () => {
    expect(sameData({ a: 1, b: { c: 2, d: null } }, { b: { d: null, c: 2 }, a: 1 })).toBe(true);
    expect(sameData({ a: 1, oid: null }, { a: 1, oid: "x" })).toBe(false);
  });
});
