/**
 * Who holds a role (校務分掌) in a school now: the members of the trusted group
 * `komu-<schoolId>-<role>` (the naming and trust rule of identity/groups.ts), through
 * graph/trusted-groups.ts: the group's id remembered, its user members read fresh every time.
 * Resolved at submission, so routes follow staff transfers.
 */
import { KomuError, RouteRole } from "@komu/shared";
import type { GraphGateway } from "../graph/gateway.js";
import { createTrustedGroups } from "../graph/trusted-groups.js";
import { membershipsFromGroups } from "../identity/groups.js";

export interface RoleHolder {
  oid: string;
  name: string;
}

export interface RoleDirectory {
  holders(schoolId: string, role: RouteRole): Promise<RoleHolder[]>;
  /**
   * A specific person the drafter named, if they are staff of the school now (trusted groups):
   * their name and a role they hold there (their first staff role; `teacher` for plain staff).
   */
  staffMember(schoolId: string, oid: string): Promise<(RoleHolder & { role: RouteRole }) | null>;
}

export function createGraphRoleDirectory(
  graph: Pick<GraphGateway, "app" | "allPages" | "memberGroupsOf">,
  opts: { groupTtlMs?: number; now?: () => number } = {},
): RoleDirectory {
  const groups = createTrustedGroups(graph, {
    ...opts,
    operations: { group: "approvals.roleGroup", members: "approvals.roleMembers" },
  });

  return {
    async staffMember(schoolId, oid) {
      let groups: Awaited<ReturnType<GraphGateway["memberGroupsOf"]>>;
      try {
        groups = await graph.memberGroupsOf(oid);
      } catch (e) {
        if (e instanceof KomuError && e.code === "NOT_FOUND") return null;
        throw e;
      }
      const membership = membershipsFromGroups(groups).memberships.find((m) => m.schoolId === schoolId);
      if (!membership?.staff) return null;
      const role = RouteRole.options.find((r) => membership.roles.includes(r)) ?? "teacher";
      const user = (await graph.app
        .api(`/users/${encodeURIComponent(oid)}`)
        .select("id,displayName")
        .get()) as {
        displayName?: string | null;
      };
      return { oid, name: user.displayName ?? "", role };
    },
    async holders(schoolId, role) {
      const nickname = `komu-${schoolId}-${role}`;
      if (!/^[A-Za-z0-9-]+$/.test(nickname)) throw new KomuError("INVALID_ID", { details: { schoolId } });
      const members = await groups.members(nickname);
      return members
        .map((m) => ({ oid: m.id, name: m.displayName ?? "" }))
        .sort((a, b) => a.name.localeCompare(b.name, "ja") || a.oid.localeCompare(b.oid));
    },
  };
}
