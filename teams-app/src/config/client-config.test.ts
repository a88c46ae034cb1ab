import { describe, expect, it } from "vitest";
import { authorityBase, browserAuthority, ClientConfig, teamsHostOrigins } from "./client-config.js";

const local = ClientConfig.parse({
  clientId: "c",
  tenantId: "t1",
  authority: "https://localhost:7072",
  authorityHttp: "http://localhost:7072/",
  apiScope: "api://localhost:7071/c/access_as_user",
  env: "local",
});

describe("client config", () => {
  it("normalises authorities given with or without the tenant segment", () => {
    expect(authorityBase("https://login.microsoftonline.com/t1/", "t1")).toBe("https://login.microsoftonline.com");
    expect(authorityBase("https://login.microsoftonline.com", "t1")).toBe("https://login.microsoftonline.com");
  });

  it("uses the http authority in the browser when the local tenant offers one", () => {
    expect(browserAuthority(local)).toBe("http://localhost:7072");
    expect(browserAuthority({ ...local, authorityHttp: undefined })).toBe("https://localhost:7072");
  });

  it("trusts the local Teams client's origins only in the local env", () => {
    expect(teamsHostOrigins(local)).toEqual(["https://localhost:7072", "http://localhost:7072"]);
    expect(teamsHostOrigins({ ...local, env: "prod", authority: "https://login.microsoftonline.com" })).toEqual([]);
  });

  it("rejects an incomplete config", () => {
    expect(ClientConfig.safeParse({ clientId: "c" }).success).toBe(false);
  });
});
