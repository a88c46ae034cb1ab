import { SealVerificationView } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { VerifyPdfResponse } from "./verify.types.js";

/** Shapes only: drop ids, titles and descriptions the OpenAPI metadata adds. */
function shape(schema: z.ZodType): unknown {
  return JSON.parse(
    JSON.stringify(z.toJSONSchema(schema, { unrepresentable: "any" }), (key, value) =>
      ["id", "$schema", "title", "description"].includes(key) ? undefined : value,
    ),
  );
}

describe("POST /api/approvals/verify answer", () => {
  it("has exactly the shape of shared's SealVerificationView (what the tab parses)", () => {
    expect(shape(VerifyPdfResponse)).toEqual(shape(SealVerificationView));
  });
});
