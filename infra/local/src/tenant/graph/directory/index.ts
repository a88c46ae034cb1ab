/**
 * Directory routes (relative to /v1.0): /users, /users/{id|upn}, /me, memberOf (+ group cast),
 * /groups, /groups/{id}, members (+ user cast). App and delegated tokens are both accepted.
 */
import type { Context } from "hono";
import { GraphError, type TenantApp, type TenantContext, type TenantVariables } from "../../context.js";
import { notFound } from "../errors.js";
import { applyQuery, contextUrl, parseQuery, readOptions } from "../odata.js";
import {
  findUser,
  GROUP_PROPERTIES,
  groups,
  groupsOfUser,
  groupView,
  projectGroup,
  projectUser,
  type StoredGroup,
  type StoredUser,
  USER_PROPERTIES,
  upgradeLegacyGroups,
  users,
  userView,
} from "./model.js";
import { directoryQuery, renderCollection } from "./query.js";

function singleSelect(c: Context, properties: readonly string[], typeName: string): string[] | undefined {
  const options = readOptions(new URL(c.req.url));
  const query = parseQuery(options);
  const known = new Set(properties.map((p) => p.toLowerCase()));
  for (const s of query.select ?? []) {
    if (!known.has(s.toLowerCase()))
      throw new GraphError(400, "BadRequest", `Could not find a property named '${s}' on type '${typeName}'.`);
  }
  return query.select;
}

function me(c: Context<{ Variables: TenantVariables }>, ctx: TenantContext): StoredUser {
  const userId = c.get("caller").userId;
  if (!userId) throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  const user = users(ctx).get(userId);
  if (!user) throw notFound(userId);
  return user;
}

function userOr404(ctx: TenantContext, id: string): StoredUser {
  const user = findUser(ctx, id);
  if (!user) throw notFound(id);
  return user;
}

function groupOr404(ctx: TenantContext, id: string): StoredGroup {
  const group = groups(ctx).get(id.toLowerCase());
  if (!group) throw notFound(id);
  return group;
}

const userEntity = (c: Context, user: StoredUser) => {
  const select = singleSelect(c, USER_PROPERTIES, "microsoft.graph.user");
  return { "@odata.context": contextUrl(c.req.url, "users", select, true), ...projectUser(user, select) };
};

const listOpts = {
  users: {
    entitySet: "users",
    properties: USER_PROPERTIES,
    typeName: "microsoft.graph.user",
    view: userView,
    project: projectUser,
  },
  groups: {
    entitySet: "groups",
    properties: GROUP_PROPERTIES,
    typeName: "microsoft.graph.group",
    view: groupView,
    project: projectGroup,
  },
};

export function register(app: TenantApp, ctx: TenantContext): void {
  upgradeLegacyGroups(ctx);
  app.get("/users", (c) => c.json(renderCollection(c, [...users(ctx).values()], directoryQuery(c), listOpts.users)));
  // GET /users/$count, /groups/$count: text/plain, an advanced query (ConsistencyLevel: eventual)
  const count = (kind: "users" | "groups") => (c: Context) => {
    if ((c.req.header("consistencylevel") ?? "").toLowerCase() !== "eventual") {
      throw new GraphError(
        400,
        "Request_BadRequest",
        "$count is not currently supported. Specify the 'ConsistencyLevel: eventual' request header to use $count.",
      );
    }
    const items = kind === "users" ? [...users(ctx).values()] : [...groups(ctx).values()];
    const query = directoryQuery(c);
    const page = applyQuery(
      items.map((i) => (kind === "users" ? userView(i as StoredUser) : groupView(i as StoredGroup))),
      { ...query, count: true, top: undefined },
      { requestUrl: c.req.url, properties: kind === "users" ? USER_PROPERTIES : GROUP_PROPERTIES },
    );
    return c.text(String(page.count ?? 0), 200, { "content-type": "text/plain; charset=utf-8" });
  };
  app.get("/users/$count", count("users"));
  app.get("/groups/$count", count("groups"));
  app.get("/me", (c) => c.json(userEntity(c, me(c, ctx))));
  app.get("/users/:id", (c) => c.json(userEntity(c, userOr404(ctx, c.req.param("id")))));

  const memberOf = (cast: boolean) => (c: Context<{ Variables: TenantVariables }>) => {
    const id = c.req.param("id");
    const user = id === undefined ? me(c, ctx) : userOr404(ctx, id);
    const list = groupsOfUser(ctx, user.id);
    return c.json(
      renderCollection(c, list, directoryQuery(c), {
        ...listOpts.groups,
        entitySet: cast ? "groups" : "directoryObjects",
        odataType: "#microsoft.graph.group",
      }),
    );
  };
  for (const nav of ["memberOf", "transitiveMemberOf"]) {
    app.get(`/users/:id/${nav}`, memberOf(false));
    app.get(`/users/:id/${nav}/microsoft.graph.group`, memberOf(true));
    app.get(`/me/${nav}`, memberOf(false));
    app.get(`/me/${nav}/microsoft.graph.group`, memberOf(true));
  }

  app.get("/groups", (c) => c.json(renderCollection(c, [...groups(ctx).values()], directoryQuery(c), listOpts.groups)));
  app.get("/groups/:id", (c) => {
    const group = groupOr404(ctx, c.req.param("id"));
    const select = singleSelect(c, GROUP_PROPERTIES, "microsoft.graph.group");
    return c.json({ "@odata.context": contextUrl(c.req.url, "groups", select, true), ...projectGroup(group, select) });
  });
  const members = (cast: boolean) => (c: Context) => {
    const group = groupOr404(ctx, c.req.param("id") as string);
    const list = group.members.map((m) => users(ctx).get(m)).filter((u): u is StoredUser => u !== undefined);
    return c.json(
      renderCollection(c, list, directoryQuery(c), {
        ...listOpts.users,
        entitySet: cast ? "users" : "directoryObjects",
        odataType: "#microsoft.graph.user",
      }),
    );
  };
  // The directory is read-only here: Kōmu holds only read permissions (User.Read.All, Group.Read.All).
  const denied = () => {
    throw new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  };
  for (const path of [
    "/users",
    "/users/:id",
    "/me",
    "/groups",
    "/groups/:id",
    "/groups/:id/members/$ref",
    "/groups/:id/members/:member/$ref",
  ]) {
    app.on(["POST", "PATCH", "PUT", "DELETE"], path, denied);
  }

  for (const nav of ["members", "transitiveMembers"]) {
    app.get(`/groups/:id/${nav}`, members(false));
    app.get(`/groups/:id/${nav}/microsoft.graph.user`, members(true));
  }
}
