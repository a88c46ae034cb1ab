import { describe, expect, it } from "vitest";
import { ApiError, errorFromBody, networkError, pickErrorMessage } from "./errors.js";

describe("error messages", () => {
  const body = { error: { code: "FORBIDDEN", message: { ja: "権限がありません。", en: "No permission." } } };

  it("shows Kōmu's bilingual message in the current language", () => {
    const error = errorFromBody(403, body);
    expect(error.code).toBe("FORBIDDEN");
    expect(pickErrorMessage(error, "ja")).toBe("権限がありません。");
    expect(pickErrorMessage(error, "en")).toBe("No permission.");
  });

  it("uses a plain string message (Graph style) for both languages", () => {
    const error = errorFromBody(429, { error: { code: "TooManyRequests", message: "slow down" } });
    expect([error.code, pickErrorMessage(error, "ja")]).toEqual(["TooManyRequests", "slow down"]);
  });

  it("falls back to a generic message with the status for unknown bodies", () => {
    const error = errorFromBody(502, "<html>bad gateway</html>");
    expect(error.code).toBe("HTTP_502");
    expect(pickErrorMessage(error, "ja")).toContain("502");
    expect(pickErrorMessage(error, "en")).toContain("(502)");
  });

  it("has a network message and a generic one for non-API errors", () => {
    expect(pickErrorMessage(networkError(), "en")).toMatch(/Cannot reach the server/);
    expect(pickErrorMessage(new Error("boom"), "ja")).toBe(
      "予期しないエラーが発生しました。しばらくしてからやり直してください。",
    );
    expect(pickErrorMessage(new Error("boom"), "en")).toBe("An unexpected error occurred. Please try again shortly.");
    expect(new ApiError(400, "X", { ja: "", en: "only english" }).messageIn("ja")).toBe("only english");
  });

  it("keeps a 4xx error's details (fields and answers to show the problems at)", () => {
    const issues = [{ path: "questions.0.title", code: "too_small", message: "required" }];
    const error = errorFromBody(400, {
      error: {
        code: "VALIDATION_FAILED",
        message: { ja: "入力内容に誤りがあります。", en: "Invalid." },
        details: { issues },
      },
    });
    expect(error.details).toEqual({ issues });
    expect(errorFromBody(500, { error: { code: "INTERNAL", message: "x" } }).details).toBeUndefined();
  });
});
