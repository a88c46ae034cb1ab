import { describe, expect, it } from "vitest";
import { compareShape } from "./shape.js";

describe("compareShape", () => {
  it("accepts different values of the same types and extra properties", () => {
    expect(
      compareShape(
        { id: "a", n: 1, ok: true, tags: ["x"], o: { k: "v" } },
        { id: "b", n: 2, ok: false, tags: ["y", "z"], o: { k: "w", more: 1 }, extra: 1 },
      ),
    ).toEqual([]);
  });
  it("reports missing properties, type changes and empty arrays with their paths", () => {
    expect(compareShape({ a: "s", b: { c: 1 }, d: [{ e: true }], f: [1] }, { b: { c: "1" }, d: [{}], f: [] })).toEqual([
      "$.a: missing",
      "$.b.c: expected number, got string",
      "$.d[0].e: missing",
      "$.f: expected a non-empty array",
    ]);
  });
  it("treats null leniently for scalars but not for objects and arrays", () => {
    expect(compareShape({ a: null, b: "x" }, { a: { any: 1 }, b: null })).toEqual([]);
    expect(compareShape({ a: { b: 1 }, c: [] }, { a: null, c: null })).toEqual([
      "$.a: expected object, got null",
      "$.c: expected array, got null",
    ]);
  });
  it("honours ignore paths and strictKeys", () => {
    expect(compareShape({ a: 1, b: 2 }, { a: 1 }, { ignore: ["$.b"] })).toEqual([]);
    expect(compareShape({ a: 1 }, { a: 1, z: 2 }, { strictKeys: true })).toEqual(["$.z: not documented"]);
  });
  it("everyElement: each documented element must match one of ours; strictNull: null is not a string", () => {
    const doc = { list: [{ a: 1 }, { b: "x" }] };
    expect(compareShape(doc, { list: [{ a: 2 }] })).toEqual([]);
    expect(compareShape(doc, { list: [{ a: 2 }] }, { everyElement: true })).toEqual(["$.list[1].b: missing"]);
    expect(compareShape(doc, { list: [{ b: "y" }, { a: 3 }] }, { everyElement: true })).toEqual([]);
    expect(compareShape({ s: "x" }, { s: null }, { strictNull: true })).toEqual(["$.s: expected string, got null"]);
  });
});
