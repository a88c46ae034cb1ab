import { describe, expect, it } from "vitest";
import type { StoredEntity } from "../../storage/index.js";
import type { RecordData } from "../entities.js";
import { searchTextOf } from "../view.js";
import { decodeCursor, matcher } from "./list-records.js";

function row(id: string, over: Partial<RecordData> = {}): StoredEntity<RecordData> {
  const base = {
    title: "学年だより（４月号）",
    fileName: "gakunen-4.pdf",
    note: null,
    authorName: "伊藤 綾",
    author: { oid: "u1", name: "伊藤 綾" },
    number: { register: "receipt" as const, fiscalYear: 2026, serial: 12, text: "青小受第12号" },
    status: "filed" as const,
    driveItemId: "d1",
    listItemId: "7",
    ...over,
  };
  return {
    kind: "record",
    schoolId: "aoba-e",
    id,
    etag: "e",
    createdAt: "",
    updatedAt: "",
    data: { ...base, searchText: searchTextOf(base) } as unknown as RecordData,
  };
}

const q = (o: Record<string, unknown>) => ({ limit: 50, ...o }) as never;

describe("list matcher", () => {
  it("matches numbers whole or by serial, people by part of the name, words NFKC-normalised", () => {
    const r = row("r1");
    expect(matcher(q({ number: "青小受第12号" }), undefined)(r)).toBe(true);
    expect(matcher(q({ number: "12" }), undefined)(r)).toBe(true);
    expect(matcher(q({ number: "１２" }), undefined)(r)).toBe(true);
    expect(matcher(q({ number: "13" }), undefined)(r)).toBe(false);
    expect(matcher(q({ person: "伊藤" }), undefined)(r)).toBe(true);
    expect(matcher(q({ person: "小川" }), undefined)(r)).toBe(false);
    expect(matcher(q({ q: "4月号 学年" }), undefined)(r)).toBe(true); // full-width ４ matches 4
    expect(matcher(q({ q: "5月号" }), undefined)(r)).toBe(false);
  });

  it("full-text hits count by drive item, list item or record id; disposed records only when asked", () => {
    const r = row("r1");
    const hits = (o: Partial<Record<"driveItemIds" | "listItemIds" | "recordIds", string[]>>) => ({
      driveItemIds: new Set(o.driveItemIds ?? []),
      listItemIds: new Set(o.listItemIds ?? []),
      recordIds: new Set(o.recordIds ?? []),
    });
    expect(matcher(q({ q: "教科用図書" }), hits({ driveItemIds: ["d1"] }))(r)).toBe(true);
    expect(matcher(q({ q: "教科用図書" }), hits({ listItemIds: ["7"] }))(r)).toBe(true);
    expect(matcher(q({ q: "教科用図書" }), hits({ recordIds: ["r1"] }))(r)).toBe(true);
    expect(matcher(q({ q: "教科用図書" }), hits({ driveItemIds: ["other"] }))(r)).toBe(false);
    const disposed = row("r2", { status: "disposed" });
    expect(matcher(q({}), undefined)(disposed)).toBe(false);
    expect(matcher(q({ status: "disposed" }), undefined)(disposed)).toBe(true);
  });
});

describe("decodeCursor", () => {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v), "utf8").toString("base64url");
  const token = Buffer.from(JSON.stringify({ nextPartitionKey: "aoba-e", nextRowKey: "record:r1" })).toString("base64");

  it("reads a cursor it made (position, Table continuation token)", () => {
    expect(decodeCursor(undefined)).toEqual({ s: 0 });
    expect(decodeCursor(enc({ s: 3 }))).toEqual({ s: 3 });
    expect(decodeCursor(enc({ t: token, s: 0 }))).toEqual({ t: token, s: 0 });
  });

  it("refuses a forged one with VALIDATION_FAILED before it reaches the Table SDK", () => {
    const forged = [
      "not base64 json",
      enc({ t: "garbage", s: 1 }), // the SDK's JSON.parse of the token would throw: a 500
      enc({ t: Buffer.from("[1]").toString("base64"), s: 0 }),
      enc({ s: 0.5 }), // a fractional position read rows[0.5] (undefined): a 500
      enc({ s: -1 }),
      enc(null),
    ];
    for (const raw of forged) {
      expect(() => decodeCursor(raw), raw).toThrow(
        expect.objectContaining({ code: "VALIDATION_FAILED", details: expect.objectContaining({ target: "query" }) }),
      );
    }
  });
});
