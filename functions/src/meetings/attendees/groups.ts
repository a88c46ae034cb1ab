/**
 * Trusted groups `komu-<schoolId>-<role|staff>` by mailNickname, with their ids (the folder invite
 * names the groups themselves) and members read fresh (attendees follow staff transfers). The
 * group lookup and trust rule are those of approvals/role-directory.ts and identity/groups.ts;
 * a group id is remembered for `groupTtlMs` (ids never change, trust properties are set at creation).
 */
import { KomuError } from "@komu/shared";
import type { GraphGateway } from "../../graph/gateway.js";
import { GROUP_SELECT, isTrustedGroup } from "../../identity/groups.js";

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

interface GroupItem {
  id: string;
  mailNickname?: string | null;
  securityEnabled?: boolean | null;
  isAssignableToRole?: boolean | null;
  groupTypes?: string[] | null;
}

export function createGraphMeetingGroups(
  graph: Pick<GraphGateway, "app" | "allPages">,
  opts: { groupTtlMs?: number; now?: () => number } = {},
): MeetingGroups {
  const ttl = opts.groupTtlMs ?? 10 * 60_000;
  const now = opts.now ?? Date.now;
  const ids = new Map<string, { id: string | null; at: number }>();

  async function idOf(nickname: string): Promise<string | null> {
    if (!/^[A-Za-z0-9-]+$/.test(nickname)) throw new KomuError("INVALID_ID", { details: { nickname } });
    const cached = ids.get(nickname);
    if (cached && now() - cached.at < ttl) return cached.id;
    const filter = encodeURIComponent(`mailNickname eq '${nickname}'`);
    const groups = await graph.allPages<GroupItem>(
      graph.app,
      `/groups?$filter=${filter}&$select=${GROUP_SELECT}`,
      "meetings.group",
    );
    const group = groups.find((g) => g.mailNickname?.toLowerCase() === nickname.toLowerCase() && isTrustedGroup(g));
    if (ids.size > 2000) ids.clear();
    ids.set(nickname, { id: group?.id ?? null, at: now() });
    return group?.id ?? null;
  }

  return {
    idOf,
    async members(nickname) {
      const groupId = await idOf(nickname);
      if (!groupId) return [];
      const members = await graph.allPages<{
        id: string;
        displayName?: string | null;
        mail?: string | null;
        userPrincipalName?: string | null;
      }>(
        graph.app,
        `/groups/${encodeURIComponent(groupId)}/members/microsoft.graph.user?$select=id,displayName,mail,userPrincipalName&$top=999`,
        "meetings.groupMembers",
      );
      return members.map((m) => ({
        oid: m.id,
        name: m.displayName ?? "",
        mail: m.mail ?? m.userPrincipalName ?? null,
      }));
    },
  };
}
