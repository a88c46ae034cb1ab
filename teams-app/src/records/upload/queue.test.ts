import type { UploadView } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { counts, needsUpload, readyToFile, type UploadItem, uploadsReducer } from "./queue.js";

const staged = (id: string): UploadView => ({
  uploadId: id,
  fileName: `${id}.pdf`,
  size: 10,
  sha256: "0".repeat(64),
  mimeType: "application/pdf",
  expiresAt: "2026-11-26T00:00:00Z",
});

const added = (): UploadItem[] =>
  uploadsReducer([], {
    type: "added",
    items: [
      { key: "a", name: "a.pdf", size: 10, title: "a", problem: null },
      { key: "b", name: "b.exe", size: 10, title: "b", problem: { ja: "登録できません", en: "no" } },
      { key: "c", name: "c.pdf", size: 10, title: "c", problem: null },
    ],
  });

describe("upload list", () => {
  it("uploads accepted files and keeps refused ones with their message", () => {
    const items = added();
    expect(items.map((i) => i.status)).toEqual(["uploading", "rejected", "uploading"]);
    expect(items[1]?.error?.ja).toBe("登録できません");
  });

  it("progress only grows, stays within 0..1 and applies to uploading items only", () => {
    let items = added();
    items = uploadsReducer(items, { type: "progress", key: "a", progress: 0.5 });
    items = uploadsReducer(items, { type: "progress", key: "a", progress: 0.3 });
    expect(items[0]?.progress).toBe(0.5);
    items = uploadsReducer(items, { type: "progress", key: "a", progress: 7 });
    expect(items[0]?.progress).toBe(1);
    items = uploadsReducer(items, { type: "progress", key: "b", progress: 0.5 });
    expect(items[1]?.progress).toBe(0);
  });

  it("one file's failure leaves the others as they are", () => {
    let items = added();
    items = uploadsReducer(items, { type: "uploaded", key: "a", upload: staged("u1") });
    items = uploadsReducer(items, {
      type: "uploadFailed",
      key: "c",
      code: "FILE_TYPE_MISMATCH",
      error: { ja: "中身が違います", en: "mismatch" },
    });
    expect(items.map((i) => i.status)).toEqual(["uploaded", "rejected", "uploadFailed"]);
    expect(readyToFile(items).map((i) => i.key)).toEqual(["a"]);
    expect(needsUpload(items[2] as UploadItem)).toBe(true);
    expect(counts(items)).toMatchObject({ uploaded: 1, rejected: 1, uploadFailed: 1 });
  });

  it("a filing failure keeps the staged upload for another try, unless the server lost it", () => {
    let items = added();
    items = uploadsReducer(items, { type: "uploaded", key: "a", upload: staged("u1") });
    items = uploadsReducer(items, { type: "uploaded", key: "c", upload: staged("u2") });
    items = uploadsReducer(items, { type: "filing", key: "a" });
    items = uploadsReducer(items, {
      type: "fileFailed",
      key: "a",
      code: "CATEGORY_UNKNOWN",
      error: { ja: "x", en: "x" },
    });
    items = uploadsReducer(items, {
      type: "fileFailed",
      key: "c",
      code: "UPLOAD_NOT_FOUND",
      error: { ja: "y", en: "y" },
    });
    expect(readyToFile(items).map((i) => i.key)).toEqual(["a"]);
    expect(needsUpload(items[2] as UploadItem)).toBe(true);
    items = uploadsReducer(items, { type: "retryUpload", key: "c" });
    expect(items[2]).toMatchObject({ status: "uploading", progress: 0, error: null, upload: null });
  });

  it("needs a title to file, and clears finished and refused rows", () => {
    let items = added();
    items = uploadsReducer(items, { type: "uploaded", key: "a", upload: staged("u1") });
    items = uploadsReducer(items, { type: "title", key: "a", title: "  " });
    expect(readyToFile(items)).toEqual([]);
    items = uploadsReducer(items, { type: "title", key: "a", title: "遠足のしおり" });
    items = uploadsReducer(items, { type: "filing", key: "a" });
    items = uploadsReducer(items, {
      type: "filed",
      key: "a",
      record: { id: "r1" } as unknown as import("@komu/shared").RecordView,
    });
    items = uploadsReducer(items, { type: "clearFinished" });
    expect(items.map((i) => i.key)).toEqual(["c"]);
    expect(uploadsReducer(items, { type: "removed", key: "c" })).toEqual([]);
  });
});
