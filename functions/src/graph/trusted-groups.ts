/**
 * Trusted groups by mailNickname (`komu-<schoolId>-staff`, `komu-<schoolId>-<role>`): the group
 * found by nickname and checked with the trust rule of identity/groups.ts, its id remembered for
 * `groupTtlMs` (group ids do not change, and the trust properties are settable only at
 * creation), its user members read fresh every time (so whoever uses them follows staff transfers).
 * Used by approvals (role holders), meetings (attendee groups) and surveys (audiences).
 */
import { KomuError } from "@komu/shared";
import { GROUP_SELECT, isTrustedGroup } from "../identity/groups.js";
import type { GraphGateway, GraphGroupRef } from "./gateway.js";

export interface GroupUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
}

export interface TrustedGroups {
  /** The trusted group's id (null: there is no such trusted group); INVALID_ID for a malformed nickname. */
  idOf(nickname: string): Promise<string | null>;
  /** Its user members with the `memberSelect` properties (empty when there is no such trusted group). */
  members(nickname: string): Promise<GroupUser[]>;
}

/** Nicknames remembered at most (then forgotten all at once); schools × roles stay far below it. */
const MAX_REMEMBERED = 2000;

export function createTrustedGroups(
  graph: Pick<GraphGateway, "app" | "allPages">,
  opts: {
    /** Graph operation names (metrics and throttling budget) of the group look-up and the member read. */
    operations: { group: string; members: string };
    /** `$select` of the member read; default `id,displayName`. */
    memberSelect?: string;
    groupTtlMs?: number;
    now?: () => number;
  },
): TrustedGroups {
  const ttl = opts.groupTtlMs ?? 10 * 60_000;
  const now = opts.now ?? Date.now;
  const select = opts.memberSelect ?? "id,displayName";
  /** nickname → trusted group id (null: none), with when it was read. */
  const ids = new Map<string, { id: string | null; at: number }>();

  async function idOf(nickname: string): Promise<string | null> {
    if (!/^[A-Za-z0-9-]+$/.test(nickname)) throw new KomuError("INVALID_ID", { details: { nickname } });
    const cached = ids.get(nickname);
    if (cached && now() - cached.at < ttl) return cached.id;
    const filter = encodeURIComponent(`mailNickname eq '${nickname}'`);
    const groups = await graph.allPages<GraphGroupRef>(
      graph.app,
      `/groups?$filter=${filter}&$select=${GROUP_SELECT}`,
      opts.operations.group,
    );
    const group = groups.find((g) => g.mailNickname?.toLowerCase() === nickname.toLowerCase() && isTrustedGroup(g));
    if (ids.size > MAX_REMEMBERED) ids.clear();
    ids.set(nickname, { id: group?.id ?? null, at: now() });
    return group?.id ?? null;
  }

  return {
    idOf,
    async members(nickname) {
      const groupId = await idOf(nickname);
      if (!groupId) return [];
      return graph.allPages<GroupUser>(
        graph.app,
        `/groups/${encodeURIComponent(groupId)}/members/microsoft.graph.user?$select=${select}&$top=999`,
        opts.operations.members,
      );
    },
  };
}
