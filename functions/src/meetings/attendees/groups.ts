/**
 * Trusted groups `komu-<schoolId>-<role|staff>` by mailNickname, with their ids (the folder invite
 * names the groups themselves) and members read fresh (attendees follow staff transfers), through
 * graph/trusted-groups.ts (the look-up and trust rule shared with approvals and surveys).
 */
import type { GraphGateway } from "../../graph/gateway.js";
import { createTrustedGroups } from "../../graph/trusted-groups.js";

export interface GroupMember {
  oid: string;
  name: string;
  mail: string | null;
}

export interface MeetingGroups {
  /** The trusted group's id (null: there is no such trusted group). */
  idOf(nickname: string): Promise<string | null>;
  /** Its user members (empty when there is no such trusted group). */
  members(nickname: string): Promise<GroupMember[]>;
}

export function createGraphMeetingGroups(
  graph: Pick<GraphGateway, "app" | "allPages">,
  opts: { groupTtlMs?: number; now?: () => number } = {},
): MeetingGroups {
  const groups = createTrustedGroups(graph, {
    ...opts,
    operations: { group: "meetings.group", members: "meetings.groupMembers" },
    memberSelect: "id,displayName,mail,userPrincipalName",
  });
  return {
    idOf: groups.idOf,
    async members(nickname) {
      const members = await groups.members(nickname);
      return members.map((m) => ({
        oid: m.id,
        name: m.displayName ?? "",
        mail: m.mail ?? m.userPrincipalName ?? null,
      }));
    },
  };
}
