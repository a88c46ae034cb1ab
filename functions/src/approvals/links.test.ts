import { describe, expect, it } from "vitest";
import { approvalLinks } from "./links.js";

const APP = "7d0c3b9e-4f2a-4e61-9a8b-2c5d6e7f8a90";

describe("approval links", () => {
  it("none without a tab endpoint", () => {
    expect(approvalLinks({ env: "prod", tab: { endpoint: undefined, teamsAppId: APP } })).toEqual({});
  });

  it("a Teams deep link to the 承認 tab with the approval as sub-entity in a real tenant", () => {
    const links = approvalLinks({ env: "prod", tab: { endpoint: "https://komu.example.jp", teamsAppId: APP } });
    const url = new URL(links.openUrl?.("aoba-e", "a123") ?? "");
    expect(url.origin + url.pathname).toBe(`https://teams.microsoft.com/l/entity/${APP}/approvals`);
    expect(JSON.parse(url.searchParams.get("context") ?? "{}")).toEqual({ subEntityId: "approval/aoba-e/a123" });
    expect(url.searchParams.get("webUrl")).toBe("https://komu.example.jp/approvals?school=aoba-e&approval=a123");
    expect(links.verifyUrl).toBe("https://komu.example.jp/approvals?view=verify");
  });

  it("the tab's own URL locally (the local Teams client has no deep links)", () => {
    const links = approvalLinks({ env: "local", tab: { endpoint: "http://localhost:7071", teamsAppId: APP } });
    expect(links.openUrl?.("aoba-e", "a 1")).toBe("http://localhost:7071/approvals?school=aoba-e&approval=a+1");
  });
});
