import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appToken, graphFetch, startTestTenant, userGraphToken } from "../../contract/fixture.js";
import { KNOWN_GROUPS, KNOWN_USERS } from "../../seed/known.js";
import type { RunningTenant } from "../../server.js";

let tenant: RunningTenant;
let app: string;
let teacherToken: string;

beforeAll(async () => {
  tenant = await startTestTenant();
  app = await appToken(tenant);
  teacherToken = await userGraphToken(tenant, KNOWN_USERS.aobaTeacher.id);
});
afterAll(async () => {
  await tenant?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: test JSON
type Json = any;
const get = async (path: string, token = app, headers: Record<string, string> = {}) => {
  const res = await graphFetch(tenant, token, path, { headers });
  return { status: res.status, body: (await res.json()) as Json };
};

describe("users", () => {
  it("GET /users/{id|upn} returns Graph's default properties", async () => {
    const byId = await get(`/v1.0/users/${KNOWN_USERS.aobaVicePrincipal.id}`);
    const byUpn = await get(`/v1.0/users/${KNOWN_USERS.aobaVicePrincipal.upn.toUpperCase()}`);
    expect(byId.status).toBe(200);
    expect(byUpn.body.id).toBe(KNOWN_USERS.aobaVicePrincipal.id);
    expect(byId.body["@odata.context"]).toBe(`${tenant.origin}/v1.0/$metadata#users/$entity`);
    expect(Object.keys(byId.body).sort()).toEqual(
      [
        "@odata.context",
        "businessPhones",
        "displayName",
        "givenName",
        "id",
        "jobTitle",
        "mail",
        "mobilePhone",
        "officeLocation",
        "preferredLanguage",
        "surname",
        "userPrincipalName",
      ].sort(),
    );
    expect(byId.body).toMatchObject({
      displayName: KNOWN_USERS.aobaVicePrincipal.displayName,
      jobTitle: "教頭",
      preferredLanguage: "ja-JP",
      officeLocation: "青葉小学校",
    });
    expect(byId.body._schoolId).toBeUndefined();
  });

  it("$select on a single user, with unknown properties refused", async () => {
    const sel = await get(
      `/v1.0/users/${KNOWN_USERS.aobaNurse.id}?$select=displayName,department,employeeId,postalCode`,
    );
    expect(sel.body).toEqual({
      "@odata.context": `${tenant.origin}/v1.0/$metadata#users(displayName,department,employeeId,postalCode)/$entity`,
      displayName: KNOWN_USERS.aobaNurse.displayName,
      department: expect.stringContaining("青葉小学校"),
      employeeId: KNOWN_USERS.aobaNurse.staffNumber,
      postalCode: null,
    });
    expect((await get(`/v1.0/users/${KNOWN_USERS.aobaNurse.id}?$select=shoeSize`)).status).toBe(400);
  });

  it("/me needs a delegated token; a delegated token may read other users", async () => {
    const me = await get("/v1.0/me", teacherToken);
    expect(me.body.id).toBe(KNOWN_USERS.aobaTeacher.id);
    const other = await get(`/v1.0/users/${KNOWN_USERS.higashiTeacher.id}`, teacherToken);
    expect(other.status).toBe(200);
    const appMe = await get("/v1.0/me");
    expect(appMe.status).toBe(400);
    expect(appMe.body.error.message).toMatch(/delegated/);
  });

  it("filters, orders and counts (advanced queries need ConsistencyLevel: eventual)", async () => {
    const filtered = await get(
      "/v1.0/users?$filter=jobTitle eq '校長'&$select=id,displayName,jobTitle&$orderby=displayName",
    );
    expect(filtered.body.value).toHaveLength(4);
    expect(filtered.body["@odata.context"]).toBe(`${tenant.origin}/v1.0/$metadata#users(id,displayName,jobTitle)`);
    const names = filtered.body.value.map((u: { displayName: string }) => u.displayName);
    expect(names).toEqual([...names].sort());
    expect((await get("/v1.0/users?$count=true")).status).toBe(400);
    const counted = await get("/v1.0/users?$count=true&$top=1&$filter=jobTitle eq '児童'", app, {
      ConsistencyLevel: "eventual",
    });
    expect(counted.body["@odata.count"]).toBe(180);
    expect(counted.body.value).toHaveLength(1);
    expect((await get("/v1.0/users?$filter=jobTitle eq")).status).toBe(400);
    const countOnly = await graphFetch(tenant, app, "/v1.0/users/$count?$filter=jobTitle eq '生徒'", {
      headers: { ConsistencyLevel: "eventual" },
    });
    expect(countOnly.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await countOnly.text()).toBe("30");
    expect((await graphFetch(tenant, app, "/v1.0/groups/$count")).status).toBe(400);
  });
});

describe("memberOf and groups", () => {
  it("lists a user's groups as directoryObjects with @odata.type", async () => {
    const res = await get(`/v1.0/users/${KNOWN_USERS.aobaTeacher.id}/memberOf`);
    expect(res.body["@odata.context"]).toBe(`${tenant.origin}/v1.0/$metadata#directoryObjects`);
    const nicks = res.body.value.map((g: { mailNickname: string }) => g.mailNickname).sort();
    expect(nicks).toEqual(["komu-aoba-e-gradeHead", "komu-aoba-e-staff", "komu-aoba-e-teacher"]);
    expect(
      res.body.value.every(
        (g: { "@odata.type": string; securityEnabled: boolean }) =>
          g["@odata.type"] === "#microsoft.graph.group" && g.securityEnabled,
      ),
    ).toBe(true);
  });

  it("the group cast with $filter and $select", async () => {
    const res = await get(
      `/v1.0/users/${KNOWN_USERS.boardAdmin.id}/memberOf/microsoft.graph.group?$filter=startswith(mailNickname,'komu-')&$select=id,displayName,mailNickname`,
    );
    expect(res.body["@odata.context"]).toBe(`${tenant.origin}/v1.0/$metadata#groups(id,displayName,mailNickname)`);
    expect(res.body.value.map((g: { mailNickname: string }) => g.mailNickname).sort()).toEqual([
      "komu-admins",
      "komu-boe-boardStaff",
      "komu-boe-staff",
    ]);
    expect(Object.keys(res.body.value[0]).sort()).toEqual(["@odata.type", "displayName", "id", "mailNickname"]);
  });

  it("Kōmu's groups are role-assignable security groups, selectable and filterable as in Graph", async () => {
    const select = "id,mailNickname,displayName,securityEnabled,isAssignableToRole,groupTypes";
    const res = await get(`/v1.0/users/${KNOWN_USERS.aobaTeacher.id}/memberOf/microsoft.graph.group?$select=${select}`);
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe(`${tenant.origin}/v1.0/$metadata#groups(${select})`);
    expect(res.body.value).toHaveLength(3);
    for (const g of res.body.value) {
      expect(Object.keys(g).sort()).toEqual(["@odata.type", ...select.split(",")].sort());
      expect(g).toMatchObject({ securityEnabled: true, isAssignableToRole: true, groupTypes: [] });
    }
    const transitive = await get(
      `/v1.0/users/${KNOWN_USERS.aobaTeacher.id}/transitiveMemberOf/microsoft.graph.group?$select=mailNickname,isAssignableToRole`,
    );
    expect(transitive.body.value.every((g: Json) => g.isAssignableToRole === true)).toBe(true);
    const admins = await get(
      `/v1.0/groups/${KNOWN_GROUPS.admins.id}?$select=mailEnabled,securityEnabled,isAssignableToRole,groupTypes`,
    );
    expect(admins.body).toMatchObject({
      mailEnabled: false,
      securityEnabled: true,
      isAssignableToRole: true,
      groupTypes: [],
    });
    const filtered = await get(
      "/v1.0/groups?$filter=isAssignableToRole eq true and securityEnabled eq true&$select=mailNickname&$top=999",
    );
    expect(filtered.status).toBe(200);
    const all = await get("/v1.0/groups?$select=mailNickname&$top=999");
    expect(filtered.body.value.length).toBe(all.body.value.length);
    const none = await get("/v1.0/groups?$filter=isAssignableToRole eq false&$select=mailNickname");
    expect(none.body.value).toEqual([]);
  });

  it("/me/memberOf works with a delegated token", async () => {
    const res = await get("/v1.0/me/memberOf?$select=mailNickname", teacherToken);
    expect(res.body.value).toHaveLength(3);
  });

  it("GET /groups with $filter, GET /groups/{id}, members and the user cast", async () => {
    const list = await get("/v1.0/groups?$filter=mailNickname eq 'komu-admins'");
    expect(list.body.value).toHaveLength(1);
    expect(list.body.value[0].id).toBe(KNOWN_GROUPS.admins.id);
    const one = await get(`/v1.0/groups/${KNOWN_GROUPS.aobaStaff.id}`);
    expect(one.body).toMatchObject({
      "@odata.context": `${tenant.origin}/v1.0/$metadata#groups/$entity`,
      mailNickname: "komu-aoba-e-staff",
    });
    expect(one.body.members).toBeUndefined();
    const members = await get(`/v1.0/groups/${KNOWN_GROUPS.aobaStaff.id}/members?$top=5`);
    expect(members.body["@odata.context"]).toBe(`${tenant.origin}/v1.0/$metadata#directoryObjects`);
    expect(members.body.value).toHaveLength(5);
    expect(members.body.value[0]["@odata.type"]).toBe("#microsoft.graph.user");
    expect(members.body["@odata.nextLink"]).toBeDefined();
    const cast = await get(
      `/v1.0/groups/${KNOWN_GROUPS.aobaStaff.id}/members/microsoft.graph.user?$count=true&$orderby=displayName&$search="displayName:伊藤"&$select=displayName,id`,
      app,
      {
        ConsistencyLevel: "eventual",
      },
    );
    expect(cast.body["@odata.context"]).toBe(`${tenant.origin}/v1.0/$metadata#users(displayName,id)`);
    expect(cast.body.value.map((u: { id: string }) => u.id)).toContain(KNOWN_USERS.aobaTeacher.id);
    expect(cast.body["@odata.count"]).toBe(cast.body.value.length);
    const noHeader = await get(`/v1.0/groups/${KNOWN_GROUPS.aobaStaff.id}/members?$search="displayName:伊藤"`);
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.code).toBe("Request_UnsupportedQuery");
    expect((await get("/v1.0/groups/00000000-0000-0000-0000-000000000000/members")).status).toBe(404);
  });
});
