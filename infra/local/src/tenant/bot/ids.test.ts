import { describe, expect, it } from "vitest";
import { oidFromTeamsUserId, personalConversationId, teamsUserId } from "./ids.js";

describe("Teams ids", () => {
  it("derives an opaque 29: id from an Entra object id and back", () => {
    const oid = "7faf8ab2-3d56-4244-b585-20c8a42ed2b8";
    const id = teamsUserId(oid);
    expect(id).toMatch(/^29:1[A-Za-z0-9_-]+$/);
    expect(id).not.toContain(oid);
    expect(oidFromTeamsUserId(id)).toBe(oid);
    expect(oidFromTeamsUserId(teamsUserId("not-a-guid"))).toBe("not-a-guid");
    expect(oidFromTeamsUserId("29:xyz")).toBeUndefined();
  });

  it("gives one personal conversation per (tenant, bot, user)", () => {
    expect(personalConversationId("t", "b", "u1")).toBe(personalConversationId("t", "b", "u1"));
    expect(personalConversationId("t", "b", "u1")).not.toBe(personalConversationId("t", "b", "u2"));
    expect(personalConversationId("t", "b", "u1")).toMatch(/^a:/);
  });
});
