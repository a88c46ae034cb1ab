/**
 * Kōmu's real Graph gateway (MSAL client credentials + Graph SDK), principal resolver and
 * school directory against this tenant: only role-assignable security groups give rights.
 * Groups an ordinary user could create in Entra (a Microsoft 365 group / team, or a plain
 * security group) with a Kōmu alias are added to the store here and must change nothing.
 */
import { createGraphGateway, type GraphGateway } from "@komu/functions/graph/gateway";
import { createGraphSchoolDirectory } from "@komu/functions/graph/school-directory";
import { createPrincipalResolver } from "@komu/functions/identity/principal";
import type { VerifiedToken } from "@komu/functions/identity/token-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KOMU_CLIENT_ID } from "../../constants.js";
import { komuGraphConfig, startTestTenant } from "../../contract/fixture.js";
import { KNOWN_USERS } from "../../seed/known.js";
import type { RunningTenant } from "../../server.js";
import { groups, type StoredGroup } from "./model.js";

let tenant: RunningTenant;
let graph: GraphGateway;

function addGroup(id: string, mailNickname: string, fields: Partial<StoredGroup>, members: string[]): void {
  groups(tenant.ctx).set(id, {
    id,
    displayName: mailNickname,
    description: null,
    mailNickname,
    mail: null,
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
    createdDateTime: "2026-04-01T00:00:00Z",
    visibility: null,
    members,
    ...fields,
  });
}

const token = (user: { id: string; upn: string; displayName: string }, roles: string[] = []): VerifiedToken => ({
  oid: user.id,
  tid: tenant.tenantId,
  iss: "test",
  aud: KOMU_CLIENT_ID,
  name: user.displayName,
  preferredUsername: user.upn,
  roles,
  scopes: ["access_as_user"],
  expiresAt: new Date(Date.now() + 3600_000),
  claims: {},
});

beforeAll(async () => {
  tenant = await startTestTenant({ throttle: "off" });
  const teacher = KNOWN_USERS.aobaTeacher.id;
  const other = KNOWN_USERS.higashiTeacher.id;
  // A teacher's own creations: a plain security group "komu-admins"…
  addGroup("0a000000-0000-4000-8000-000000000001", "komu-admins", { isAssignableToRole: false }, [teacher]);
  // …a team (Microsoft 365 group) "komu-higashi-e-principal" and one posing as a school…
  for (const [id, nick, members] of [
    ["0a000000-0000-4000-8000-000000000002", "komu-higashi-e-principal", [teacher, other]],
    ["0a000000-0000-4000-8000-000000000003", "komu-fake-e-staff", [teacher]],
  ] as const) {
    addGroup(
      id,
      nick,
      {
        displayName: nick === "komu-fake-e-staff" ? "偽小学校 教職員" : nick,
        mail: `${nick}@aoba-edu.example`,
        mailEnabled: true,
        securityEnabled: false,
        groupTypes: ["Unified"],
        visibility: "Private",
      },
      [...members],
    );
  }
  // …and a role-assignable group under the wrong school: boardStaff exists only in boe.
  addGroup("0a000000-0000-4000-8000-000000000004", "komu-aoba-e-boardStaff", { isAssignableToRole: true }, [teacher]);
  graph = createGraphGateway(komuGraphConfig(tenant), { maxRetries: 0 });
});
afterAll(async () => {
  await tenant?.stop();
});

describe("Kōmu groups through the local tenant", () => {
  it("a user's own komu-admins and komu-higashi-e-principal groups give no rights", async () => {
    // The resolver ignores them…
    const resolver = createPrincipalResolver({ graph });
    const { principal } = await resolver.resolve(token(KNOWN_USERS.aobaTeacher));
    expect(principal.kind).toBe("staff");
    expect(principal.roles).not.toContain("admin");
    expect(principal.roles).not.toContain("principal");
    expect(principal.roles).not.toContain("boardStaff");
    expect(principal.schools).toEqual(["aoba-e"]);
    expect(principal.memberships).toEqual([
      { schoolId: "aoba-e", roles: [...KNOWN_USERS.aobaTeacher.roles].sort(), staff: true },
    ]);

    const memberOf = await graph.memberGroupsOf(KNOWN_USERS.aobaTeacher.id);
    // …although Graph does return them (with the properties that unmask them).
    expect(memberOf.map((g) => g.mailNickname)).toEqual(
      expect.arrayContaining(["komu-admins", "komu-higashi-e-principal", "komu-aoba-e-boardStaff"]),
    );
    expect(memberOf.find((g) => g.mailNickname === "komu-admins")).toMatchObject({
      securityEnabled: true,
      isAssignableToRole: false,
    });
    expect(memberOf.find((g) => g.mailNickname === "komu-higashi-e-principal")?.groupTypes).toEqual(["Unified"]);

    // A seeded (role-assignable) administrator and board member keep their rights.
    const admin = await resolver.resolve(token(KNOWN_USERS.boardAdmin));
    expect(admin.principal.kind).toBe("admin");
    const board = await resolver.resolve(token(KNOWN_USERS.boardSuperintendent));
    expect(board.principal.memberships).toEqual([{ schoolId: "boe", roles: ["boardStaff"], staff: true }]);
  });

  it("the Komu.Admin app role counts per token, not from the cache", async () => {
    const resolver = createPrincipalResolver({ graph, ttlMs: 60 * 60_000 });
    graph.calls.reset();
    const user = KNOWN_USERS.higashiTeacher;
    expect((await resolver.resolve(token(user, ["Komu.Admin"]))).principal.kind).toBe("admin");
    const after = await resolver.resolve(token(user));
    expect(after.principal.kind).toBe("staff");
    expect(after.principal.roles).not.toContain("admin");
    expect(after.principal.roles).not.toContain("principal");
    expect(graph.calls.snapshot()).toEqual({ "GET /users/{id}/memberOf/microsoft.graph.group": 1 });
  });

  it("a team named like a school's staff group adds no school", async () => {
    const schools = await createGraphSchoolDirectory(graph).list();
    expect(schools.map((s) => s.id)).toEqual(["aoba-e", "aoba-j", "boe", "higashi-e", "nishi-e"]);
  });
});
