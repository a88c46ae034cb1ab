import { describe, expect, it } from "vitest";
import { MESSAGES, pickLocale, t, text } from "./messages.js";

describe("i18n catalogue", () => {
  it("every message has Japanese and English", () => {
    for (const [key, value] of Object.entries(MESSAGES)) {
      expect(value.ja.length, key).toBeGreaterThan(0);
      expect(value.en.length, key).toBeGreaterThan(0);
    }
  });
  it("fills placeholders", () => {
    expect(t("task.deadLetter.title", "ja", { kind: "bot.send" })).toBe("配信できなかった処理があります（bot.send）");
    expect(text("task.deadLetter.detail", { attempts: 5 }).en).toBe(
      "It failed after 5 attempts. Check it and replay it.",
    );
    expect(t("task.deadLetter.title", "en")).toContain("{kind}");
  });
  it.each([
    [null, "ja"],
    ["en-US,en;q=0.9", "en"],
    ["en-US;q=0.5,ja;q=0.8", "ja"],
    ["fr-FR", "ja"],
    ["fr,en;q=0.7", "en"],
  ] as const)("Accept-Language %s → %s", (header, locale) => {
    expect(pickLocale(header)).toBe(locale);
  });
});
