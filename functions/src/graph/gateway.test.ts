import { readFileSync } from "node:fs";
import type { IncomingMessage, Server } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationName } from "./counter.js";
import { createGraphGateway } from "./gateway.js";
import { createGraphSchoolDirectory } from "./school-directory.js";

/**
 * The gateway against a tiny Graph look-alike on https (the dev CA that the Vitest global setup
 * generates and trusts): paging through @odata.nextLink, the app token attached to the custom
 * host, Retry-After honoured on 429, calls counted per operation.
 */
let server: Server;
let origin = "";
const seen: { path: string; auth: string | undefined; at: number }[] = [];
let throttleOnce = true;
const roleAssignable = { securityEnabled: true, isAssignableToRole: true, groupTypes: [] };

beforeAll(async () => {
  const caDir = process.env.KOMU_TEST_DEV_CA_DIR;
  if (!caDir) throw new Error("KOMU_TEST_DEV_CA_DIR is not set: run through the root Vitest config (global setup)");
  const tls = { cert: readFileSync(join(caDir, "localhost.pem")), key: readFileSync(join(caDir, "localhost-key.pem")) };
  server = createServer(tls, (req: IncomingMessage, res) => {
    const url = new URL(req.url ?? "/", origin);
    seen.push({ path: url.pathname + url.search, auth: req.headers.authorization, at: Date.now() });
    res.setHeader("content-type", "application/json");
    if (url.pathname === "/v1.0/users/u1/memberOf/microsoft.graph.group") {
      if (url.searchParams.get("page") === "2") {
        res.end(
          JSON.stringify({ value: [{ id: "g2", mailNickname: "komu-aoba-e-teacher", displayName: "青葉小 教諭" }] }),
        );
      } else {
        res.end(
          JSON.stringify({
            value: [{ id: "g1", mailNickname: "komu-aoba-e-staff", displayName: "青葉小学校 教職員" }],
            "@odata.nextLink": `${origin}/v1.0/users/u1/memberOf/microsoft.graph.group?page=2`,
          }),
        );
      }
    } else if (url.pathname === "/v1.0/groups") {
      if (throttleOnce) {
        throttleOnce = false;
        res.statusCode = 429;
        res.setHeader("Retry-After", "1");
        res.end(JSON.stringify({ error: { code: "TooManyRequests", message: "slow down" } }));
        return;
      }
      res.end(
        JSON.stringify({
          value: [
            { id: "g1", mailNickname: "komu-aoba-e-staff", displayName: "青葉小学校 教職員", ...roleAssignable },
            { id: "g3", mailNickname: "komu-boe-staff", displayName: "青葉町教育委員会 教職員", ...roleAssignable },
            { id: "g4", mailNickname: "komu-aoba-e-teacher", displayName: "x", ...roleAssignable },
          ],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: "Request_ResourceNotFound", message: "no such user" } }));
    }
  });
  await new Promise<void>((r) => server.listen(0, "localhost", r));
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: "app-token", expiresOnTimestamp: Date.now() + 3600_000 }),
};

function gateway() {
  return createGraphGateway(
    {
      tenantId: "t",
      clientId: "c",
      clientSecret: "s",
      authorityHost: "https://login.example",
      publicCloud: false,
      graphBaseUrl: `${origin}/v1.0`,
    },
    { appCredential: credential },
  );
}

describe("createGraphGateway", () => {
  it("follows every page of memberOf and counts calls per operation", async () => {
    const g = gateway();
    const groups = await g.memberGroupsOf("u1");
    expect(groups.map((x) => x.mailNickname)).toEqual(["komu-aoba-e-staff", "komu-aoba-e-teacher"]);
    expect(g.calls.snapshot()).toEqual({ "GET /users/{id}/memberOf/microsoft.graph.group": 2 });
    const memberOfCalls = seen.filter((s) => s.path.startsWith("/v1.0/users/u1/"));
    expect(memberOfCalls.map((s) => s.auth)).toEqual(["Bearer app-token", "Bearer app-token"]);
    expect(
      seen.some(
        (s) =>
          s.path.includes("%24select=id%2CmailNickname%2CdisplayName") ||
          s.path.includes("$select=id,mailNickname,displayName"),
      ),
    ).toBe(true);
  });

  it("maps a Graph 404 to NOT_FOUND", async () => {
    await expect(gateway().memberGroupsOf("nobody")).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
  });

  it("honours Retry-After on 429 and the school directory reads staff groups", async () => {
    const g = gateway();
    const directory = createGraphSchoolDirectory(g);
    const started = Date.now();
    const schools = await directory.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(schools).toEqual([
      { id: "aoba-e", name: "青葉小学校" },
      { id: "boe", name: "青葉町教育委員会" },
    ]);
    expect(await directory.get("boe")).toEqual({ id: "boe", name: "青葉町教育委員会" });
    expect(g.calls.snapshot()).toEqual({ "GET /groups": 2 });
    expect(seen.filter((s) => s.path.startsWith("/v1.0/groups")).at(-1)?.path).toContain("startswith");
  });
});

describe("operationName", () => {
  it.each([
    [
      "get",
      "https://graph.microsoft.com/v1.0/users/5f3c2a9e-8b7d-4c1a-9e2f-0a6b4d8c7e31/memberOf/microsoft.graph.group?$top=1",
      "GET /users/{id}/memberOf/microsoft.graph.group",
    ],
    ["POST", "https://localhost:7072/v1.0/$batch", "POST /$batch"],
    [
      "PATCH",
      "https://localhost:7072/v1.0/sites/contoso.sharepoint.com,abc,def/lists/L1/items/42/fields",
      "PATCH /sites/{id}/lists/{id}/items/{id}/fields",
    ],
    [
      "GET",
      "https://localhost:7072/v1.0/drives/b!AbCdEfGhIjKlMnOpQrStUv/root/children",
      "GET /drives/{id}/root/children",
    ],
  ])("%s %s", (method, url, name) => {
    expect(operationName(method, url)).toBe(name);
  });
});
