/**
 * Principal resolution: who the caller is in Kōmu's terms. Identity comes from the validated
 * token (oid, tid, name, preferred_username, app roles); schools and roles come from the user's
 * group memberships read app-only through Graph (`/users/{oid}/memberOf/microsoft.graph.group`,
 * every page) and mapped by the mailNickname rule (groups.ts). Results are cached per oid for a
 * few minutes in a bounded LRU; concurrent look-ups for one user share one Graph call.
 * A user Graph does not know, or one without any Kōmu group, gets 403 FORBIDDEN.
 */
import { KomuError, type Principal, type Role } from "@komu/shared";
import type { GraphGateway } from "../graph/gateway.js";
import { membershipsFromGroups } from "./groups.js";
import { LruCache } from "./lru.js";
import type { VerifiedToken } from "./token-validator.js";

export interface ResolvedPrincipal {
  principal: Principal;
  /** schoolId → display name, from the staff groups the user is in. */
  schoolNames: Record<string, string>;
}

export interface PrincipalResolver {
  resolve(token: VerifiedToken): Promise<ResolvedPrincipal>;
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

export function createPrincipalResolver(options: PrincipalResolverOptions): PrincipalResolver {
  const cache = new LruCache<ResolvedPrincipal>(options.maxEntries ?? 10_000, options.ttlMs ?? 5 * 60_000, options.now);
  const inflight = new Map<string, Promise<ResolvedPrincipal>>();
  const adminRoles = new Set(options.adminAppRoles ?? ["Komu.Admin"]);

  async function load(token: VerifiedToken): Promise<ResolvedPrincipal> {
    let groups: Awaited<ReturnType<GraphGateway["memberGroupsOf"]>>;
    try {
      groups = await options.graph.memberGroupsOf(token.oid);
    } catch (error) {
      if (error instanceof KomuError && error.code === "NOT_FOUND") {
        throw new KomuError("FORBIDDEN", { details: { reason: "unknown_user" }, cause: error });
      }
      throw error;
    }
    const extraRoles: Role[] = token.roles.some((r) => adminRoles.has(r)) ? ["admin"] : [];
    const summary = membershipsFromGroups(groups, extraRoles);
    if (summary.memberships.length === 0 && !summary.admin) {
      throw new KomuError("FORBIDDEN", {
        message: {
          ja: "校務の利用者として登録されていません（学校のグループに所属していません）。",
          en: "You are not registered as a Kōmu user (no school group membership).",
        },
        details: { reason: "no_membership" },
      });
    }
    const roles = new Set<Role>(summary.memberships.flatMap((m) => m.roles));
    if (summary.admin) roles.add("admin");
    return {
      principal: {
        oid: token.oid,
        tenantId: token.tid,
        name: token.name,
        upn: token.preferredUsername,
        kind: summary.kind,
        schools: summary.memberships.map((m) => m.schoolId),
        roles: [...roles].sort(),
        memberships: summary.memberships,
      },
      schoolNames: summary.schoolNames,
    };
  }

  return {
    async resolve(token) {
      const key = token.oid; // the validator pins tid to the one configured tenant
      const cached = cache.get(key);
      if (cached) return withTokenNames(cached, token);
      let pending = inflight.get(key);
      if (!pending) {
        pending = load(token).finally(() => inflight.delete(key));
        inflight.set(key, pending);
        pending.then((r) => cache.set(key, r)).catch(() => {});
      }
      return withTokenNames(await pending, token);
    },
    invalidate(oid) {
      inflight.delete(oid);
      cache.delete(oid);
    },
  };
}

/** The name and UPN always come from the current token, the memberships from the cache. */
function withTokenNames(resolved: ResolvedPrincipal, token: VerifiedToken): ResolvedPrincipal {
  if (resolved.principal.name === token.name && resolved.principal.upn === token.preferredUsername) return resolved;
  return { ...resolved, principal: { ...resolved.principal, name: token.name, upn: token.preferredUsername } };
}
