import { KomuError } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { isUtf8Text, sniffFileType } from "./sniff.js";
import { docxBytes, exeBytes, PDF_BYTES, PNG_BYTES, zipBytes } from "./test-files.js";

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof KomuError ? e.code : String(e);
  }
}

describe("sniffFileType (content, not the extension)", () => {
  it("accepts what the bytes and the extension agree on", async () => {
    expect(await sniffFileType(PDF_BYTES, "通知.PDF")).toMatchObject({ type: "pdf", mimeType: "application/pdf" });
    expect(await sniffFileType(await docxBytes(), "議事録.docx")).toMatchObject({ type: "docx" });
    expect(await sniffFileType(PNG_BYTES, "写真.png")).toMatchObject({ type: "png", mimeType: "image/png" });
    const csv = new TextEncoder().encode("\uFEFF氏名,学年\n青葉 太郎,3\n");
    expect(await sniffFileType(csv, "名簿.csv")).toMatchObject({ type: "text", mimeType: "text/csv" });
  });

  it("refuses disguised files: an exe renamed .pdf, a zip renamed .docx, a PDF renamed .xlsx", async () => {
    expect(await codeOf(sniffFileType(exeBytes(), "請求書.pdf"))).toBe("FILE_TYPE_MISMATCH");
    expect(await codeOf(sniffFileType(await zipBytes(), "報告.docx"))).toBe("FILE_TYPE_MISMATCH");
    expect(await codeOf(sniffFileType(PDF_BYTES, "集計.xlsx"))).toBe("FILE_TYPE_MISMATCH");
    expect(await codeOf(sniffFileType(new Uint8Array([0, 1, 2, 3, 250, 251]), "メモ.txt"))).toBe("FILE_TYPE_MISMATCH");
  });

  it("refuses executables, scripts, archives and unknown types", async () => {
    expect(await codeOf(sniffFileType(exeBytes(), "setup.exe"))).toBe("FILE_TYPE_NOT_ALLOWED");
    expect(await codeOf(sniffFileType(await zipBytes(), "まとめ.zip"))).toBe("FILE_TYPE_NOT_ALLOWED");
    expect(await codeOf(sniffFileType(new TextEncoder().encode("#!/bin/sh\nrm -rf /\n"), "run.sh"))).toBe(
      "FILE_TYPE_NOT_ALLOWED",
    );
    expect(await codeOf(sniffFileType(new TextEncoder().encode("plain"), "README"))).toBe("FILE_TYPE_NOT_ALLOWED");
  });

  it("text must be UTF-8 without binary control characters", () => {
    expect(isUtf8Text(new TextEncoder().encode("行1\r\n行2\tタブ"))).toBe(true);
    expect(isUtf8Text(new Uint8Array([0x82, 0xa0]))).toBe(false); // Shift_JIS あ
    expect(isUtf8Text(new TextEncoder().encode("a\u0000b"))).toBe(false);
  });
});
