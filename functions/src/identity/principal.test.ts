import { hasTownScope, KomuError } from "@komu/shared";
import { describe, expect, it } from "vitest";
import type { GraphGroupRef } from "../graph/gateway.js";
import { groupMeaning, isTrustedGroup, membershipsFromGroups, schoolNameFromGroup } from "./groups.js";
import { LruCache } from "./lru.js";
import { createPrincipalResolver } from "./principal.js";
import type { VerifiedToken } from "./token-validator.js";

/** A group as an administrator creates it for Kōmu: a role-assignable security group. */
const g = (mailNickname: string, displayName = mailNickname): GraphGroupRef => ({
  id: `id-${mailNickname}`,
  mailNickname,
  displayName,
  securityEnabled: true,
  isAssignableToRole: true,
  groupTypes: [],
});
/** Groups any user can create: a Microsoft 365 (Unified) group / team, or a plain security group. */
const unified = (mailNickname: string): GraphGroupRef => ({
  ...g(mailNickname),
  id: `m365-${mailNickname}`,
  securityEnabled: false,
  isAssignableToRole: false,
  groupTypes: ["Unified"],
});
const plainSecurity = (mailNickname: string): GraphGroupRef => ({
  ...g(mailNickname),
  id: `sec-${mailNickname}`,
  isAssignableToRole: false,
});

describe("group naming rule", () => {
  it.each([
    ["komu-aoba-e-staff", { type: "staff", schoolId: "aoba-e" }],
    ["komu-aoba-e-principal", { type: "role", schoolId: "aoba-e", role: "principal" }],
    ["KOMU-Higashi-E-VicePrincipal", { type: "role", schoolId: "higashi-e", role: "vicePrincipal" }],
    ["komu-aoba-j-students", { type: "students", schoolId: "aoba-j" }],
    ["komu-boe-boardStaff", { type: "role", schoolId: "boe", role: "boardStaff" }],
    ["komu-aoba-e-boardStaff", undefined],
    ["komu-aoba-j-BOARDSTAFF", undefined],
    ["komu-admins", { type: "admins" }],
    ["komu-aoba-e-admin", undefined],
    ["komu-aoba-e-student", undefined],
    ["komu-aoba-e-janitor", undefined],
    ["aoba-e-staff", undefined],
    ["komu-staff", undefined],
    ["komu-Bad_School-staff", undefined],
    [null, undefined],
  ] as const)("%s", (nick, meaning) => {
    expect(groupMeaning(nick)).toEqual(meaning);
  });

  it("school names from staff group display names", () => {
    expect(schoolNameFromGroup("青葉小学校 教職員")).toBe("青葉小学校");
    expect(schoolNameFromGroup("東小学校　教職員")).toBe("東小学校");
    expect(schoolNameFromGroup("西小学校")).toBe("西小学校");
    expect(schoolNameFromGroup("")).toBeUndefined();
  });

  it("maps memberships, kinds and names", () => {
    const teacher = membershipsFromGroups([
      g("komu-aoba-e-staff", "青葉小学校 教職員"),
      g("komu-aoba-e-teacher"),
      g("Other group"),
    ]);
    expect(teacher).toEqual({
      memberships: [{ schoolId: "aoba-e", roles: ["teacher"], staff: true }],
      admin: false,
      kind: "staff",
      schoolNames: { "aoba-e": "青葉小学校" },
    });
    expect(membershipsFromGroups([g("komu-boe-staff")]).kind).toBe("board");
    expect(membershipsFromGroups([g("komu-boe-staff")]).memberships[0]?.roles).toEqual(["boardStaff"]);
    expect(membershipsFromGroups([g("komu-admins")]).kind).toBe("admin");
    const student = membershipsFromGroups([g("komu-aoba-e-students"), g("komu-admins")]);
    expect(student.kind).toBe("student");
    expect(student.memberships).toEqual([{ schoolId: "aoba-e", roles: ["student"], staff: false }]);
    expect(membershipsFromGroups([], ["admin"]).kind).toBe("admin");
  });

  it("only role-assignable security groups count (ordinary users can create the others)", () => {
    expect(isTrustedGroup(g("komu-admins"))).toBe(true);
    expect(isTrustedGroup(plainSecurity("komu-admins"))).toBe(false);
    expect(isTrustedGroup(unified("komu-admins"))).toBe(false);
    // A role-assignable Microsoft 365 group is still a Unified group: never counts.
    expect(isTrustedGroup({ ...g("komu-admins"), groupTypes: ["Unified"] })).toBe(false);
    expect(isTrustedGroup({ ...g("komu-admins"), securityEnabled: false })).toBe(false);
    // Properties missing from the answer ($select forgotten) mean "not proven": no rights.
    expect(isTrustedGroup({ id: "x", mailNickname: "komu-admins", displayName: "x" })).toBe(false);
    expect(isTrustedGroup({ ...g("komu-admins"), groupTypes: undefined })).toBe(false);
    expect(isTrustedGroup({ ...g("komu-admins"), isAssignableToRole: null })).toBe(false);

    const attacker = membershipsFromGroups([
      g("komu-aoba-e-staff", "青葉小学校 教職員"),
      g("komu-aoba-e-teacher"),
      plainSecurity("komu-admins"),
      unified("komu-higashi-e-principal"),
      unified("komu-boe-staff"),
      { ...unified("komu-nishi-e-staff"), displayName: "偽 教職員" },
    ]);
    expect(attacker).toEqual({
      memberships: [{ schoolId: "aoba-e", roles: ["teacher"], staff: true }],
      admin: false,
      kind: "staff",
      schoolNames: { "aoba-e": "青葉小学校" },
    });
  });

  it("boardStaff is a role of the board of education only", () => {
    const teacher = membershipsFromGroups([g("komu-aoba-e-staff"), g("komu-aoba-e-boardStaff")]);
    expect(teacher.memberships).toEqual([{ schoolId: "aoba-e", roles: [], staff: true }]);
    expect(teacher.kind).toBe("staff");
    expect(membershipsFromGroups([g("komu-boe-boardStaff")]).memberships).toEqual([
      { schoolId: "boe", roles: ["boardStaff"], staff: true },
    ]);
  });
});

const token = (oid: string, extra: Partial<VerifiedToken> = {}): VerifiedToken => ({
  oid,
  tid: "t",
  iss: "i",
  aud: "a",
  name: "青葉 花子",
  preferredUsername: "hanako@aoba-edu.example",
  roles: [],
  scopes: ["access_as_user"],
  expiresAt: new Date(Date.now() + 3600_000),
  claims: {},
  ...extra,
});

function fakeGraph(groupsByUser: Record<string, GraphGroupRef[]>) {
  const calls: string[] = [];
  return {
    calls,
    memberGroupsOf: async (userId: string) => {
      calls.push(userId);
      await new Promise((r) => setTimeout(r, 5));
      const groups = groupsByUser[userId];
      if (!groups) throw new KomuError("NOT_FOUND");
      return groups;
    },
  };
}

describe("createPrincipalResolver", () => {
  it("resolves, caches per oid and coalesces concurrent look-ups", async () => {
    const graph = fakeGraph({ u1: [g("komu-aoba-e-staff", "青葉小学校 教職員"), g("komu-aoba-e-principal")] });
    const resolver = createPrincipalResolver({ graph });
    const [a, b] = await Promise.all([resolver.resolve(token("u1")), resolver.resolve(token("u1"))]);
    await resolver.resolve(token("u1", { name: "新しい 名前" }));
    expect(graph.calls).toEqual(["u1"]);
    expect(a?.principal).toEqual(b?.principal);
    expect(a?.principal).toMatchObject({
      oid: "u1",
      kind: "staff",
      schools: ["aoba-e"],
      roles: ["principal"],
      memberships: [{ schoolId: "aoba-e", roles: ["principal"], staff: true }],
    });
    expect(a?.schoolNames).toEqual({ "aoba-e": "青葉小学校" });
    expect((await resolver.resolve(token("u1", { name: "新しい 名前" }))).principal.name).toBe("新しい 名前");
    resolver.invalidate("u1");
    await resolver.resolve(token("u1"));
    expect(graph.calls).toEqual(["u1", "u1"]);
  });

  it("expires cached entries", async () => {
    let now = 0;
    const graph = fakeGraph({ u1: [g("komu-aoba-e-staff")] });
    const resolver = createPrincipalResolver({ graph, ttlMs: 1000, now: () => now });
    await resolver.resolve(token("u1"));
    now = 999;
    await resolver.resolve(token("u1"));
    now = 1001;
    await resolver.resolve(token("u1"));
    expect(graph.calls).toHaveLength(2);
  });

  it("refuses unknown users and users without Kōmu groups (403)", async () => {
    const resolver = createPrincipalResolver({ graph: fakeGraph({ u2: [g("All staff")] }) });
    await expect(resolver.resolve(token("nobody"))).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { reason: "unknown_user" },
    });
    await expect(resolver.resolve(token("u2"))).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { reason: "no_membership" },
    });
  });

  it("an admin app role in the token makes an administrator", async () => {
    const resolver = createPrincipalResolver({ graph: fakeGraph({ u3: [] }) });
    const { principal } = await resolver.resolve(token("u3", { roles: ["Komu.Admin"] }));
    expect(principal.kind).toBe("admin");
    expect(principal.roles).toEqual(["admin"]);
  });

  it("a user-created komu-admins or Unified komu-<school>-principal group gives no rights", async () => {
    const graph = fakeGraph({
      fakeAdmin: [plainSecurity("komu-admins")],
      fakePrincipal: [unified("komu-higashi-e-principal"), unified("komu-higashi-e-staff")],
      teacher: [
        g("komu-aoba-e-staff"),
        g("komu-aoba-e-teacher"),
        unified("komu-admins"),
        unified("komu-aoba-e-principal"),
      ],
    });
    const resolver = createPrincipalResolver({ graph });
    for (const oid of ["fakeAdmin", "fakePrincipal"]) {
      await expect(resolver.resolve(token(oid)), oid).rejects.toMatchObject({
        code: "FORBIDDEN",
        details: { reason: "no_membership" },
      });
    }
    const { principal } = await resolver.resolve(token("teacher"));
    expect(principal).toMatchObject({
      kind: "staff",
      schools: ["aoba-e"],
      roles: ["teacher"],
      memberships: [{ schoolId: "aoba-e", roles: ["teacher"], staff: true }],
    });
  });

  it("komu-<school>-boardStaff gives no board rights", async () => {
    const resolver = createPrincipalResolver({
      graph: fakeGraph({ u: [g("komu-aoba-e-staff"), g("komu-aoba-e-boardStaff")] }),
    });
    const { principal } = await resolver.resolve(token("u"));
    expect(principal.kind).toBe("staff");
    expect(principal.roles).toEqual([]);
    expect(hasTownScope(principal, "school.read")).toBe(false);
  });

  it("the token's admin app role counts per request: revoking it shows on the next token despite the cache", async () => {
    const graph = fakeGraph({ u5: [g("komu-aoba-e-staff"), g("komu-aoba-e-teacher")] });
    const resolver = createPrincipalResolver({ graph, ttlMs: 60 * 60_000 });
    const admin = await resolver.resolve(token("u5", { roles: ["Komu.Admin"] }));
    expect(admin.principal).toMatchObject({ kind: "admin", roles: ["admin", "teacher"] });
    const revoked = await resolver.resolve(token("u5", { roles: [] }));
    expect(revoked.principal).toMatchObject({ kind: "staff", roles: ["teacher"] });
    expect(graph.calls).toEqual(["u5"]);
    // And the other way round: granted later, effective at once.
    expect((await resolver.resolve(token("u5", { roles: ["Komu.Admin"] }))).principal.kind).toBe("admin");
    expect(graph.calls).toEqual(["u5"]);
  });

  it("an app-role-only administrator loses access with the role (no cached admin)", async () => {
    const graph = fakeGraph({ u6: [] });
    const resolver = createPrincipalResolver({ graph, ttlMs: 60 * 60_000 });
    expect((await resolver.resolve(token("u6", { roles: ["Komu.Admin"] }))).principal.kind).toBe("admin");
    await expect(resolver.resolve(token("u6"))).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { reason: "no_membership" },
    });
  });

  it("group-derived administrators stay administrators without the app role", async () => {
    const resolver = createPrincipalResolver({ graph: fakeGraph({ u7: [g("komu-admins")] }) });
    const { principal } = await resolver.resolve(token("u7"));
    expect(principal).toMatchObject({ kind: "admin", roles: ["admin"], memberships: [] });
  });

  it("does not cache failures", async () => {
    let fail = true;
    const resolver = createPrincipalResolver({
      graph: {
        memberGroupsOf: async () => {
          if (fail) throw new KomuError("UPSTREAM_UNAVAILABLE");
          return [g("komu-aoba-e-staff")];
        },
      },
    });
    await expect(resolver.resolve(token("u4"))).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    fail = false;
    await expect(resolver.resolve(token("u4"))).resolves.toBeTruthy();
  });
});

describe("LruCache", () => {
  it("evicts the least recently used entry", () => {
    const cache = new LruCache<number>(2, 60_000);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.get("a");
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });
});
