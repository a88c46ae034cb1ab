import { describe, expect, it } from "vitest";
import type { GraphGateway } from "../graph/gateway.js";
import { createGraphRoleDirectory } from "./role-directory.js";

const trusted = { securityEnabled: true, isAssignableToRole: true, groupTypes: [] };

function fakeGraph(groups: Record<string, object[]>, members: Record<string, { id: string; displayName: string }[]>) {
  const calls: string[] = [];
  const graph = {
    app: {} as GraphGateway["app"],
    memberGroupsOf: async () => [],
    async allPages<T>(_client: unknown, path: string): Promise<T[]> {
      calls.push(path);
      const nick = decodeURIComponent(path).match(/mailNickname eq '([^']+)'/)?.[1];
      if (nick) return (groups[nick] ?? []) as T[];
      const id = path.match(/^\/groups\/([^/]+)\/members/)?.[1] ?? "";
      return (members[id] ?? []) as T[];
    },
  } as Pick<GraphGateway, "app" | "allPages" | "memberGroupsOf">;
  return { graph, calls };
}

describe("role directory", () => {
  it("resolves a role to the members of its trusted group, sorted; an untrusted look-alike counts for nothing", async () => {
    const { graph } = fakeGraph(
      {
        "komu-aoba-e-vicePrincipal": [{ id: "g1", mailNickname: "komu-aoba-e-vicePrincipal", ...trusted }],
        "komu-aoba-e-principal": [
          {
            id: "g2",
            mailNickname: "komu-aoba-e-principal",
            securityEnabled: true,
            isAssignableToRole: false,
            groupTypes: [],
          },
        ],
      },
      {
        g1: [
          { id: "u2", displayName: "いとう あや" },
          { id: "u1", displayName: "あおき はな" },
        ],
        g2: [{ id: "x", displayName: "誰か" }],
      },
    );
    const roles = createGraphRoleDirectory(graph);
    expect((await roles.holders("aoba-e", "vicePrincipal")).map((p) => p.oid)).toEqual(["u1", "u2"]);
    expect(await roles.holders("aoba-e", "principal")).toEqual([]);
    expect(await roles.holders("aoba-e", "clerk")).toEqual([]);
  });

  it("remembers the group id for its TTL, reads the members every time", async () => {
    let t = 0;
    const { graph, calls } = fakeGraph(
      { "komu-aoba-e-clerk": [{ id: "g3", mailNickname: "komu-aoba-e-clerk", ...trusted }] },
      { g3: [{ id: "u9", displayName: "小川 久美子" }] },
    );
    const roles = createGraphRoleDirectory(graph, { groupTtlMs: 1000, now: () => t });
    await roles.holders("aoba-e", "clerk");
    await roles.holders("aoba-e", "clerk");
    expect(calls.filter((c) => c.startsWith("/groups?"))).toHaveLength(1);
    expect(calls.filter((c) => c.includes("/members"))).toHaveLength(2);
    t = 1001;
    await roles.holders("aoba-e", "clerk");
    expect(calls.filter((c) => c.startsWith("/groups?"))).toHaveLength(2);
  });
});
