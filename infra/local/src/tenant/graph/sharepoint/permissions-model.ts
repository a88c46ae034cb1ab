/**
 * Sharing permissions recorded on drive items (direct grants, invitations, sharing links) and
 * the access check other modules use: a permission on a folder applies to everything below it.
 */
import type { TenantContext } from "../../context.js";
import { appDisplayName } from "./http.js";
import { ancestorsOf, type DriveItemRecord, items, type PermissionRecord, pathOf } from "./model.js";

export interface VisiblePermission {
  permission: PermissionRecord;
  /** the ancestor the permission is inherited from */
  inheritedFrom?: DriveItemRecord;
}

/** Direct permissions first, then those inherited from ancestors (nearest first). */
export function visiblePermissions(ctx: TenantContext, item: DriveItemRecord): VisiblePermission[] {
  const now = ctx.now().getTime();
  const alive = (p: PermissionRecord) => !p.expirationDateTime || Date.parse(p.expirationDateTime) > now;
  const out: VisiblePermission[] = item.permissions.filter(alive).map((permission) => ({ permission }));
  for (const ancestor of ancestorsOf(ctx, item)) {
    for (const permission of ancestor.permissions.filter(alive)) out.push({ permission, inheritedFrom: ancestor });
  }
  return out;
}

/** Effective permissions of an item (by id) for other modules. */
export function effectivePermissions(ctx: TenantContext, itemId: string): VisiblePermission[] {
  const item = items(ctx).get(itemId);
  return item ? visiblePermissions(ctx, item) : [];
}

function groupsOfUser(ctx: TenantContext, userId: string): Set<string> {
  const result = new Set<string>();
  for (const [id, group] of ctx.store.collection<{ members?: string[] }>("groups")) {
    if (group.members?.includes(userId)) result.add(id);
  }
  return result;
}

/**
 * Whether a tenant user was given access to the item by sharing (direct grant, group grant,
 * "users" link naming them, or an organization/anonymous link). `write` needs a write/owner role.
 */
export function hasSharedAccess(
  ctx: TenantContext,
  itemId: string,
  userId: string,
  need: "read" | "write" = "read",
): boolean {
  const groups = groupsOfUser(ctx, userId);
  const users = ctx.store.collection<{ mail?: string; userPrincipalName?: string }>("users");
  const user = users.get(userId);
  const emails = [user?.mail, user?.userPrincipalName].filter((e): e is string => !!e).map((e) => e.toLowerCase());
  return effectivePermissions(ctx, itemId).some(({ permission: p }) => {
    const roleOk = need === "read" || p.roles.includes("write") || p.roles.includes("owner");
    if (!roleOk) return false;
    if (p.grantee?.kind === "user" && p.grantee.id === userId) return true;
    if (p.grantee?.kind === "group" && groups.has(p.grantee.id)) return true;
    if (p.invitation && emails.includes(p.invitation.email.toLowerCase())) return true;
    if (p.link) {
      if (p.link.scope === "anonymous" || p.link.scope === "organization") return true;
      return p.link.userIds.includes(userId);
    }
    return false;
  });
}

export const SHARE_PATH = "/_layouts/15/guestaccess.aspx";

export function linkWebUrl(ctx: TenantContext, token: string): string {
  return `${ctx.config.origin}${SHARE_PATH}?share=${encodeURIComponent(token)}`;
}

export function serializePermission(
  ctx: TenantContext,
  p: PermissionRecord,
  inheritedFrom?: DriveItemRecord,
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: p.id, roles: [...p.roles] };
  if (p.grantee) {
    const identity = {
      id: p.grantee.id,
      displayName: p.grantee.displayName,
      ...(p.grantee.email ? { email: p.grantee.email } : {}),
    };
    const key = p.grantee.kind === "group" ? "group" : "user";
    out["@deprecated.GrantedTo"] = "GrantedTo has been deprecated. Refer to GrantedToV2";
    out.grantedTo = { [key]: { displayName: identity.displayName, id: identity.id } };
    out.grantedToV2 = {
      [key]: identity,
      siteUser: {
        id: identity.id,
        displayName: identity.displayName,
        loginName: p.grantee.email ?? identity.displayName,
      },
    };
  }
  if (p.invitation) out.invitation = { ...p.invitation };
  if (p.link) {
    const link: Record<string, unknown> = {
      type: p.link.type,
      scope: p.link.scope,
      webUrl: linkWebUrl(ctx, p.link.token),
      preventsDownload: false,
      application: { ...p.application },
    };
    if (p.link.type === "embed")
      link.webHtml = `<iframe src="${linkWebUrl(ctx, p.link.token)}&embed=1" width="98" height="120" frameborder="0" scrolling="no"></iframe>`;
    out.link = link;
    if (p.link.scope === "users") {
      const users = ctx.store.collection<{ displayName?: string; mail?: string }>("users");
      out.grantedToIdentitiesV2 = p.link.userIds.map((id) => ({
        user: { id, displayName: users.get(id)?.displayName ?? id },
      }));
    }
  }
  out.hasPassword = p.link?.hasPassword ?? false;
  if (p.expirationDateTime) out.expirationDateTime = p.expirationDateTime;
  if (inheritedFrom) {
    out.inheritedFrom = {
      driveId: inheritedFrom.driveId,
      id: inheritedFrom.id,
      path: `/drives/${inheritedFrom.driveId}/root:${pathOf(ctx, inheritedFrom)}`,
    };
  }
  return out;
}

export function applicationOf(ctx: TenantContext, appId: string): { id: string; displayName: string } {
  return { id: appId, displayName: appDisplayName(ctx, appId) };
}

/**
 * A folder shared with specific people (an invite) has unique permissions in SharePoint; the
 * local tenant has no site membership, so for a user token (delegated) an item below such a
 * folder is visible only through a grant that names the user or one of their groups. Items
 * without any grant above them keep today's open behaviour, unless an invite once broke the
 * inheritance there (uniquePermissions: removing the grants leaves it closed). Not found (404) otherwise, as
 * SharePoint answers for items a user cannot see.
 */
export function delegatedCanSee(ctx: TenantContext, item: DriveItemRecord, userId: string): boolean {
  const restricted =
    item.uniquePermissions === true ||
    ancestorsOf(ctx, item).some((a) => a.uniquePermissions === true) ||
    visiblePermissions(ctx, item).some(({ permission: p }) => !p.link && p.grantee !== undefined);
  if (!restricted) return true;
  return hasSharedAccess(ctx, item.id, userId, "read");
}
