/**
 * Principal resolution: who the caller is in Kōmu's terms. Identity comes from the validated
 * token (oid, tid, name, preferred_username, app roles); schools and roles come from the user's
 * group memberships read app-only through Graph (`/users/{oid}/memberOf/microsoft.graph.group`,
 * every page) and mapped by the mailNickname rule (groups.ts), counting only role-assignable
 * security groups (ordinary users cannot create those).
 *
 * Direct memberOf, not transitiveMemberOf: a role-assignable group cannot have groups as
 * members (Entra refuses nesting into it), so every member of a komu-* group is a direct one;
 * the transitive listing would only add groups that never count, and cost more pages.
 *
 * Only what Graph said is cached (per oid, a few minutes, bounded LRU; concurrent look-ups for
 * one user share one Graph call), including "no Kōmu group". Everything taken from the token
 * is applied on every request: the name, the UPN, and the `Komu.Admin` app role, so revoking
 * the role takes effect with the user's next token, never kept from an earlier one.
 * A user Graph does not know, or one without any Kōmu group nor the admin role, gets 403.
 */
import { KomuError, type Principal, type Role } from "@komu/shared";
import type { GraphGateway } from "../graph/gateway.js";
import { type MembershipSummary, membershipsFromGroups, principalKind } from "./groups.js";
import { LruCache } from "./lru.js";
import type { VerifiedToken } from "./token-validator.js";

export interface ResolvedPrincipal {
  principal: Principal;
  /** schoolId → display name, from the staff groups the user is in. */
  schoolNames: Record<string, string>;
}

export interface PrincipalResolver {
  resolve(token: VerifiedToken): Promise<ResolvedPrincipal>;
  /**
   * The principal of a user known by a verified object id without an API token (the bot: a
   * Teams activity's tenant and `from.aadObjectId`, checked by the bot). Groups only: admin comes
   * from `komu-admins`, never from app roles (there is no token to carry them).
   */
  resolveObjectId(user: { tenantId: string; oid: string; name?: string | undefined }): Promise<ResolvedPrincipal>;
  /** Forget a cached user (e.g. after a group change made by Kōmu itself). */
  invalidate(oid: string): void;
}

export interface PrincipalResolverOptions {
  graph: Pick<GraphGateway, "memberGroupsOf">;
  ttlMs?: number;
  maxEntries?: number;
  /** Entra app role values in the token that make the user a system administrator. */
  adminAppRoles?: readonly string[];
  now?: () => number;
}

/** What the groups said about one user (cached; never anything from a token). */
type GroupSummary = Omit<MembershipSummary, "kind">;

export function createPrincipalResolver(options: PrincipalResolverOptions): PrincipalResolver {
  const cache = new LruCache<GroupSummary>(options.maxEntries ?? 10_000, options.ttlMs ?? 5 * 60_000, options.now);
  const inflight = new Map<string, Promise<GroupSummary>>();
  const adminRoles = new Set(options.adminAppRoles ?? ["Komu.Admin"]);

  async function load(oid: string): Promise<GroupSummary> {
    let groups: Awaited<ReturnType<GraphGateway["memberGroupsOf"]>>;
    try {
      groups = await options.graph.memberGroupsOf(oid);
    } catch (error) {
      if (error instanceof KomuError && error.code === "NOT_FOUND") {
        throw new KomuError("FORBIDDEN", { details: { reason: "unknown_user" }, cause: error });
      }
      throw error;
    }
    const { memberships, admin, schoolNames } = membershipsFromGroups(groups);
    return { memberships, admin, schoolNames };
  }

  function groupsOf(oid: string): Promise<GroupSummary> {
    const cached = cache.get(oid);
    if (cached) return Promise.resolve(cached);
    let pending = inflight.get(oid);
    if (!pending) {
      const started = load(oid);
      pending = started;
      inflight.set(oid, started);
      // Failures are not cached; neither is an answer invalidated meanwhile (it may predate the change).
      const settle = (value?: GroupSummary) => {
        if (inflight.get(oid) !== started) return;
        inflight.delete(oid);
        if (value) cache.set(oid, value);
      };
      started.then(settle, () => settle());
    }
    return pending;
  }

  return {
    async resolve(token) {
      // The validator pins tid to the one configured tenant, so the oid alone is the key.
      return principalFrom(
        await groupsOf(token.oid),
        token,
        token.roles.some((r) => adminRoles.has(r)),
      );
    },
    async resolveObjectId(user) {
      const identity = { oid: user.oid, tid: user.tenantId, name: user.name ?? "", preferredUsername: "" };
      return principalFrom(await groupsOf(user.oid), identity, false);
    },
    invalidate(oid) {
      inflight.delete(oid);
      cache.delete(oid);
    },
  };
}

/** The principal from cached group facts plus this token's identity and app roles. */
function principalFrom(
  groups: GroupSummary,
  token: Pick<VerifiedToken, "oid" | "tid" | "name" | "preferredUsername">,
  tokenAdmin: boolean,
): ResolvedPrincipal {
  const admin = groups.admin || tokenAdmin;
  if (groups.memberships.length === 0 && !admin) {
    throw new KomuError("FORBIDDEN", {
      message: {
        ja: "校務の利用者として登録されていません（学校のグループに所属していません）。",
        en: "You are not registered as a Kōmu user (no school group membership).",
      },
      details: { reason: "no_membership" },
    });
  }
  const roles = new Set<Role>(groups.memberships.flatMap((m) => m.roles));
  if (admin) roles.add("admin");
  return {
    principal: {
      oid: token.oid,
      tenantId: token.tid,
      name: token.name,
      upn: token.preferredUsername,
      kind: principalKind(groups.memberships, admin),
      schools: groups.memberships.map((m) => m.schoolId),
      roles: [...roles].sort(),
      memberships: groups.memberships,
    },
    schoolNames: groups.schoolNames,
  };
}
