import { describe, expect, it } from "vitest";
import { approvalSubPageId, parseApprovalSubPageId } from "./deep-link.js";

describe("approval deep links", () => {
  it("round-trips the school and the approval through the sub-page id", () => {
    const id = approvalSubPageId("aoba-e", "am1x-0a1b");
    expect(id).toBe("approval/aoba-e/am1x-0a1b");
    expect(parseApprovalSubPageId(id)).toEqual({ schoolId: "aoba-e", approvalId: "am1x-0a1b" });
  });

  it("ignores anything else", () => {
    expect(parseApprovalSubPageId(undefined)).toBeNull();
    expect(parseApprovalSubPageId("")).toBeNull();
    expect(parseApprovalSubPageId("record/aoba-e/x")).toBeNull();
    expect(parseApprovalSubPageId("approval/aoba-e")).toBeNull();
    expect(parseApprovalSubPageId("approval/%E0%A4%A/x")).toBeNull();
  });
});
