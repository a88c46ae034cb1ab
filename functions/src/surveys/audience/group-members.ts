/**
 * Members of a trusted group by its mailNickname (`komu-<schoolId>-staff`, `komu-<schoolId>-<role>`):
 * the approach of approvals/role-directory.ts — the group found by nickname and checked with the
 * trust rule of identity/groups.ts (its id remembered for `groupTtlMs`), its user members read
 * fresh every time (so audiences follow staff transfers).
 */
import { KomuError } from "@komu/shared";
import type { GraphGateway } from "../../graph/gateway.js";
import { GROUP_SELECT, isTrustedGroup } from "../../identity/groups.js";

export interface GroupMember {
  oid: string;
  name: string;
}

export interface GroupMembers {
  /** Members of the trusted group with this nickname (empty when there is no such trusted group). */
  of(nickname: string): Promise<GroupMember[]>;
}

interface GroupItem {
  id: string;
  mailNickname?: string | null;
  securityEnabled?: boolean | null;
  isAssignableToRole?: boolean | null;
  groupTypes?: string[] | null;
}

export function createGraphGroupMembers(
  graph: Pick<GraphGateway, "app" | "allPages">,
  opts: { groupTtlMs?: number; now?: () => number } = {},
): GroupMembers {
  const ttl = opts.groupTtlMs ?? 10 * 60_000;
  const now = opts.now ?? Date.now;
  const groupIds = new Map<string, { id: string | null; at: number }>();

  async function groupIdOf(nickname: string): Promise<string | null> {
    const cached = groupIds.get(nickname);
    if (cached && now() - cached.at < ttl) return cached.id;
    const filter = encodeURIComponent(`mailNickname eq '${nickname}'`);
    const groups = await graph.allPages<GroupItem>(
      graph.app,
      `/groups?$filter=${filter}&$select=${GROUP_SELECT}`,
      "surveys.audienceGroup",
    );
    const group = groups.find((g) => g.mailNickname?.toLowerCase() === nickname.toLowerCase() && isTrustedGroup(g));
    groupIds.set(nickname, { id: group?.id ?? null, at: now() });
    return group?.id ?? null;
  }

  return {
    async of(nickname) {
      if (!/^[A-Za-z0-9-]+$/.test(nickname)) throw new KomuError("INVALID_ID", { details: { nickname } });
      const groupId = await groupIdOf(nickname);
      if (!groupId) return [];
      const members = await graph.allPages<{ id: string; displayName?: string | null }>(
        graph.app,
        `/groups/${encodeURIComponent(groupId)}/members/microsoft.graph.user?$select=id,displayName&$top=999`,
        "surveys.audienceMembers",
      );
      return members.map((m) => ({ oid: m.id, name: m.displayName ?? "" }));
    },
  };
}
