/**
 * Who holds a role (校務分掌) in a school now: the members of the trusted group
 * `komu-<schoolId>-<role>` (the naming and trust rule of identity/groups.ts): the group by
 * mailNickname (its id is remembered for `groupTtlMs`: group ids do not change, and the trust
 * properties are settable only at creation), then its user members, read fresh every time.
 * Resolved at submission, so routes follow staff transfers.
 */
import { KomuError, RouteRole } from "@komu/shared";
import type { GraphGateway } from "../graph/gateway.js";
import { GROUP_SELECT, isTrustedGroup, membershipsFromGroups } from "../identity/groups.js";

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

interface GroupItem {
  id: string;
  mailNickname?: string | null;
  securityEnabled?: boolean | null;
  isAssignableToRole?: boolean | null;
  groupTypes?: string[] | null;
}

export function createGraphRoleDirectory(
  graph: Pick<GraphGateway, "app" | "allPages" | "memberGroupsOf">,
  opts: { groupTtlMs?: number; now?: () => number } = {},
): RoleDirectory {
  const ttl = opts.groupTtlMs ?? 10 * 60_000;
  const now = opts.now ?? Date.now;
  /** nickname → trusted group id (null: none), with when it was read. Bounded by schools × roles. */
  const groupIds = new Map<string, { id: string | null; at: number }>();

  async function groupIdOf(nickname: string): Promise<string | null> {
    const cached = groupIds.get(nickname);
    if (cached && now() - cached.at < ttl) return cached.id;
    const filter = encodeURIComponent(`mailNickname eq '${nickname}'`);
    const groups = await graph.allPages<GroupItem>(
      graph.app,
      `/groups?$filter=${filter}&$select=${GROUP_SELECT}`,
      "approvals.roleGroup",
    );
    const group = groups.find((g) => g.mailNickname?.toLowerCase() === nickname.toLowerCase() && isTrustedGroup(g));
    groupIds.set(nickname, { id: group?.id ?? null, at: now() });
    return group?.id ?? null;
  }

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
      const groupId = await groupIdOf(nickname);
      if (!groupId) return [];
      const group = { id: groupId };
      const members = await graph.allPages<{ id: string; displayName?: string | null }>(
        graph.app,
        `/groups/${encodeURIComponent(group.id)}/members/microsoft.graph.user?$select=id,displayName&$top=999`,
        "approvals.roleMembers",
      );
      return members
        .map((m) => ({ oid: m.id, name: m.displayName ?? "" }))
        .sort((a, b) => a.name.localeCompare(b.name, "ja") || a.oid.localeCompare(b.oid));
    },
  };
}
