/**
 * Members of a trusted group by its mailNickname (`komu-<schoolId>-staff`, `komu-<schoolId>-<role>`),
 * through graph/trusted-groups.ts (the group's id remembered, its user members read fresh every
 * time, so audiences follow staff transfers).
 */
import type { GraphGateway } from "../../graph/gateway.js";
import { createTrustedGroups } from "../../graph/trusted-groups.js";

export interface GroupMember {
  oid: string;
  name: string;
}

export interface GroupMembers {
  /** Members of the trusted group with this nickname (empty when there is no such trusted group). */
  of(nickname: string): Promise<GroupMember[]>;
}

export function createGraphGroupMembers(
  graph: Pick<GraphGateway, "app" | "allPages">,
  opts: { groupTtlMs?: number; now?: () => number } = {},
): GroupMembers {
  const groups = createTrustedGroups(graph, {
    ...opts,
    operations: { group: "surveys.audienceGroup", members: "surveys.audienceMembers" },
  });
  return {
    async of(nickname) {
      const members = await groups.members(nickname);
      return members.map((m) => ({ oid: m.id, name: m.displayName ?? "" }));
    },
  };
}
