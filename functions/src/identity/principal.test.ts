import { KomuError } from "@komu/shared";
import { describe, expect, it } from "vitest";
import type { GraphGroupRef } from "../graph/gateway.js";
import { groupMeaning, membershipsFromGroups, schoolNameFromGroup } from "./groups.js";
import { LruCache } from "./lru.js";
import { createPrincipalResolver } from "./principal.js";
import type { VerifiedToken } from "./token-validator.js";

const g = (mailNickname: string, displayName = mailNickname): GraphGroupRef => ({
  id: `id-${mailNickname}`,
  mailNickname,
  displayName,
});

describe("group naming rule", () => {
  it.each([
    ["komu-aoba-e-staff", { type: "staff", schoolId: "aoba-e" }],
    ["komu-aoba-e-principal", { type: "role", schoolId: "aoba-e", role: "principal" }],
    ["KOMU-Higashi-E-VicePrincipal", { type: "role", schoolId: "higashi-e", role: "vicePrincipal" }],
    ["komu-aoba-j-students", { type: "students", schoolId: "aoba-j" }],
    ["komu-boe-boardStaff", { type: "role", schoolId: "boe", role: "boardStaff" }],
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
