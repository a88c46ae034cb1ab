/**
 * Who holds a role (校務分掌) in a school now: the members of the trusted group
 * `komu-<schoolId>-<role>` (the naming and trust rule of identity/groups.ts). Two Graph calls per
 * role: the group by mailNickname, then its user members. Resolved at submission, so routes
 * survive staff transfers.
 */
import { KomuError, type RouteRole } from "@komu/shared";
import type { GraphGateway } from "../graph/gateway.js";
import { GROUP_SELECT, isTrustedGroup } from "../identity/groups.js";

export interface RoleHolder {
  oid: string;
  name: string;
}

export interface RoleDirectory {
  holders(schoolId: string, role: RouteRole): Promise<RoleHolder[]>;
}

interface GroupItem {
  id: string;
  mailNickname?: string | null;
  securityEnabled?: boolean | null;
  isAssignableToRole?: boolean | null;
  groupTypes?: string[] | null;
}

export function createGraphRoleDirectory(graph: Pick<GraphGateway, "app" | "allPages">): RoleDirectory {
  return {
    async holders(schoolId, role) {
      const nickname = `komu-${schoolId}-${role}`;
      if (!/^[A-Za-z0-9-]+$/.test(nickname)) throw new KomuError("INVALID_ID", { details: { schoolId } });
      const filter = encodeURIComponent(`mailNickname eq '${nickname}'`);
      const groups = await graph.allPages<GroupItem>(
        graph.app,
        `/groups?$filter=${filter}&$select=${GROUP_SELECT}`,
        "approvals.roleGroup",
      );
      const group = groups.find((g) => g.mailNickname?.toLowerCase() === nickname.toLowerCase() && isTrustedGroup(g));
      if (!group) return [];
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
