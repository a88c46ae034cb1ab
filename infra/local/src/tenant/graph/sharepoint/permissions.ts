/** Sharing: GET/DELETE/PATCH …/permissions, POST …/invite, POST …/createLink (5 RU each). */
import { GraphError } from "../../context.js";
import { type ItemTarget, requireItem } from "./address.js";
import {
  badRequest,
  charge,
  json,
  metadataUrl,
  methodNotAllowed,
  noContent,
  notFound,
  type Req,
  readJson,
} from "./http.js";
import { newGuid, newToken } from "./ids.js";
import type { PermissionRecord } from "./model.js";
import { applicationOf, serializePermission, visiblePermissions } from "./permissions-model.js";

type Role = PermissionRecord["roles"][number];

function parseRoles(value: unknown): Role[] {
  if (!Array.isArray(value) || value.length === 0) throw badRequest("roles is required (read or write).");
  return value.map((r) => {
    if (r !== "read" && r !== "write") throw badRequest(`Invalid role '${String(r)}' (read or write).`);
    return r;
  });
}

function parseExpiration(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || Number.isNaN(Date.parse(value)))
    throw badRequest("expirationDateTime must be an ISO 8601 date-time.");
  return value;
}

interface UserRow {
  id?: string;
  displayName?: string;
  mail?: string | null;
  userPrincipalName?: string;
}

export async function handlePermissions(req: Req, target: ItemTarget, rest: string[], api: string): Promise<Response> {
  const { ctx, c } = req;
  const id = rest[0];
  const apiName = `${req.method} ${api}/permissions${id ? "/{perm-id}" : ""}`;
  charge(ctx, c, "permission", apiName);
  const item = requireItem(target);
  if (!id) {
    if (req.method !== "GET") throw methodNotAllowed();
    const value = visiblePermissions(ctx, item).map((p) => serializePermission(ctx, p.permission, p.inheritedFrom));
    return json(c, {
      "@odata.context": metadataUrl(ctx, `drives('${item.driveId}')/items('${item.id}')/permissions`),
      value,
    });
  }
  const found = visiblePermissions(ctx, item).find((p) => p.permission.id === id);
  if (!found) throw notFound("The permission could not be found.");
  if (req.method === "GET") return json(c, serializePermission(ctx, found.permission, found.inheritedFrom));
  if (found.inheritedFrom)
    throw new GraphError(
      403,
      "accessDenied",
      "Inherited permissions cannot be changed on this item; change them where they are defined.",
    );
  if (req.method === "DELETE") {
    item.permissions = item.permissions.filter((p) => p.id !== id);
    ctx.store.changed();
    return noContent();
  }
  if (req.method === "PATCH") {
    const body = await readJson(c);
    found.permission.roles = parseRoles(body.roles);
    ctx.store.changed();
    return json(c, serializePermission(ctx, found.permission));
  }
  throw methodNotAllowed();
}

export async function handleInvite(req: Req, target: ItemTarget, api: string): Promise<Response> {
  const { ctx, c } = req;
  if (req.method !== "POST") throw methodNotAllowed();
  const caller = charge(ctx, c, "permission", `POST ${api}/invite`);
  const item = requireItem(target);
  const body = await readJson(c);
  const roles = parseRoles(body.roles);
  const recipients = body.recipients;
  if (!Array.isArray(recipients) || recipients.length === 0) throw badRequest("recipients is required.");
  const requireSignIn = body.requireSignIn === undefined ? true : body.requireSignIn === true;
  const expirationDateTime = parseExpiration(body.expirationDateTime);
  const users = ctx.store.collection<UserRow>("users");
  const groups = ctx.store.collection<{ displayName?: string; mail?: string | null }>("groups");
  const application = applicationOf(ctx, caller.appId);
  const now = ctx.now().toISOString();
  const result: PermissionRecord[] = [];
  for (const recipient of recipients as Record<string, unknown>[]) {
    const objectId = typeof recipient?.objectId === "string" ? recipient.objectId : undefined;
    const email =
      typeof recipient?.email === "string"
        ? recipient.email
        : typeof recipient?.alias === "string"
          ? recipient.alias
          : undefined;
    if (!objectId && !email) throw badRequest("Each recipient needs an email or objectId.");
    let grantee: PermissionRecord["grantee"];
    if (objectId) {
      const user = users.get(objectId);
      const group = groups.get(objectId);
      if (user)
        grantee = {
          kind: "user",
          id: objectId,
          displayName: user.displayName ?? objectId,
          ...(user.mail ? { email: user.mail } : {}),
        };
      else if (group)
        grantee = {
          kind: "group",
          id: objectId,
          displayName: group.displayName ?? objectId,
          ...(group.mail ? { email: group.mail } : {}),
        };
      else throw badRequest(`Recipient '${objectId}' was not found in the directory.`);
    } else if (email) {
      const lower = email.toLowerCase();
      for (const [uid, u] of users) {
        if (u.mail?.toLowerCase() === lower || u.userPrincipalName?.toLowerCase() === lower) {
          grantee = { kind: "user", id: uid, displayName: u.displayName ?? uid, ...(u.mail ? { email: u.mail } : {}) };
        }
      }
    }
    const existing = grantee
      ? item.permissions.find((p) => p.grantee?.id === grantee?.id && !p.link)
      : item.permissions.find((p) => p.invitation?.email.toLowerCase() === email?.toLowerCase());
    if (existing) {
      existing.roles = [...new Set([...existing.roles, ...roles])];
      if (expirationDateTime) existing.expirationDateTime = expirationDateTime;
      result.push(existing);
      continue;
    }
    const permission: PermissionRecord = {
      id: newGuid().toUpperCase(),
      roles,
      ...(grantee ? { grantee } : {}),
      ...(email ? { invitation: { email, signInRequired: requireSignIn } } : {}),
      ...(expirationDateTime ? { expirationDateTime } : {}),
      createdDateTime: now,
      application,
    };
    item.permissions.push(permission);
    result.push(permission);
  }
  // Sharing with specific people gives the item unique permissions (inheritance broken for good).
  if (result.some((p) => p.grantee !== undefined)) item.uniquePermissions = true;
  ctx.store.changed();
  if (body.sendInvitation === true) {
    ctx.bus.emit("sharepoint.invitation", {
      itemId: item.id,
      permissionIds: result.map((p) => p.id),
      message: body.message,
    });
  }
  return json(c, {
    "@odata.context": metadataUrl(ctx, "Collection(microsoft.graph.permission)"),
    value: result.map((p) => serializePermission(ctx, p)),
  });
}

export async function handleCreateLink(req: Req, target: ItemTarget, api: string): Promise<Response> {
  const { ctx, c } = req;
  if (req.method !== "POST") throw methodNotAllowed();
  const caller = charge(ctx, c, "permission", `POST ${api}/createLink`);
  const item = requireItem(target);
  const body = await readJson(c);
  const type = body.type;
  if (type !== "view" && type !== "edit" && type !== "embed") throw badRequest("type must be view, edit or embed.");
  const scope = body.scope ?? "organization";
  if (scope !== "anonymous" && scope !== "organization" && scope !== "users")
    throw badRequest("scope must be anonymous, organization or users.");
  const hasPassword = typeof body.password === "string" && body.password !== "";
  if (hasPassword && scope !== "anonymous") throw badRequest("A password can only be set on anonymous links.");
  const expirationDateTime = parseExpiration(body.expirationDateTime);
  const userIds: string[] = [];
  if (scope === "users") {
    const users = ctx.store.collection<UserRow>("users");
    for (const r of (Array.isArray(body.recipients) ? body.recipients : []) as Record<string, unknown>[]) {
      const id = typeof r?.objectId === "string" ? r.objectId : undefined;
      const email = typeof r?.email === "string" ? r.email.toLowerCase() : undefined;
      for (const [uid, u] of users) {
        if (uid === id || (email && (u.mail?.toLowerCase() === email || u.userPrincipalName?.toLowerCase() === email)))
          userIds.push(uid);
      }
    }
  }
  const existing = item.permissions.find(
    (p) =>
      p.link &&
      p.link.type === type &&
      p.link.scope === scope &&
      !hasPassword &&
      !p.link.hasPassword &&
      scope !== "users",
  );
  if (existing) return json(c, serializePermission(ctx, existing), 200);
  const permission: PermissionRecord = {
    id: newGuid().toUpperCase(),
    roles: type === "edit" ? ["write"] : ["read"],
    link: { type, scope, token: newToken(18), hasPassword, userIds },
    ...(expirationDateTime ? { expirationDateTime } : {}),
    createdDateTime: ctx.now().toISOString(),
    application: applicationOf(ctx, caller.appId),
  };
  item.permissions.push(permission);
  ctx.store.changed();
  return json(c, serializePermission(ctx, permission), 201);
}
