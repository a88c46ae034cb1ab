import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content.js";

describe("contentDisposition (RFC 6266 / 5987)", () => {
  it("gives an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition("学校要覧 (2026).pdf")).toBe(
      `attachment; filename="____ (2026).pdf"; filename*=UTF-8''%E5%AD%A6%E6%A0%A1%E8%A6%81%E8%A6%A7%20%282026%29.pdf`,
    );
    expect(contentDisposition('a"b.txt')).toBe(`attachment; filename="a_b.txt"; filename*=UTF-8''a%22b.txt`);
  });
});
