import { describe, expect, it } from "vitest";
import { silentLogger } from "../../deps.js";
import { codeOf, createTestStorage } from "../../storage/testing.js";
import { textRepo, textRowId } from "./entity.js";
import { extractAndStoreText } from "./store-text.js";
import { textPdf } from "./testing.js";

describe("extractAndStoreText", () => {
  it("keeps one row per version, returns it again without reading, and keeps nothing for a PDF without bytes", async () => {
    const storage = await createTestStorage();
    const deps = { storage, logger: silentLogger };
    const input = { schoolId: "aoba-e", meetingId: "mt12345678", materialId: "m001", mimeType: "application/pdf" };
    const bytes = await textPdf([["第一頁"], ["第二頁"]]);
    const first = await extractAndStoreText(deps, { ...input, version: 1, bytes });
    expect(first.data.pages.map((p) => p.trim())).toEqual(["第一頁", "第二頁"]);
    const again = await extractAndStoreText(deps, { ...input, version: 1, bytes: new Uint8Array([1, 2, 3]) });
    expect(again.etag).toBe(first.etag);
    await expect(extractAndStoreText(deps, { ...input, version: 2, bytes: new Uint8Array() })).rejects.toThrow();
    expect(await textRepo(storage).get("aoba-e", textRowId("mt12345678", "m001", 2))).toBeNull();
    const broken = await extractAndStoreText(deps, {
      ...input,
      version: 3,
      bytes: new TextEncoder().encode("%PDF-1.7 junk"),
    });
    expect(broken.data).toMatchObject({ pages: [], problem: expect.any(String) });
    const office = await extractAndStoreText(deps, { ...input, version: 4, mimeType: "image/png", bytes });
    expect(office.data).toMatchObject({ pages: [], problem: "not a PDF" });
    expect(await codeOf(textRepo(storage).create("aoba-e", textRowId("mt12345678", "m001", 1), first.data))).toBe(
      "CONFLICT",
    );
    await storage.dispose();
  });
});
