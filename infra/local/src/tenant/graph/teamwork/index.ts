/**
 * Teams apps for users through Graph (relative to /v1.0):
 *   GET    /appCatalogs/teamsApps[?$filter=externalId eq '…'&$expand=appDefinitions]   the org catalog (Kōmu)
 *   GET    /appCatalogs/teamsApps/{id}
 *   POST   /users/{id|upn}/teamwork/installedApps   { "teamsApp@odata.bind": ".../appCatalogs/teamsApps/{id}" } → 201, no body; 409 when installed
 *   GET    /users/{id}/teamwork/installedApps[?$expand=teamsApp,teamsAppDefinition&$filter=teamsApp/id eq '…']
 *   GET    /users/{id}/teamwork/installedApps/{installation-id}[?$expand=…]
 *   GET    /users/{id}/teamwork/installedApps/{installation-id}/chat   the 1:1 chat with the app's bot ("19:…")
 *   DELETE /users/{id}/teamwork/installedApps/{installation-id}         → 204
 * (and the same under /me for delegated tokens). Installing Kōmu notifies its bot as Teams does
 * (teams/installations.ts). App tokens need a TeamsAppInstallation.*ForUser.All role, delegated
 * tokens a TeamsAppInstallation.*ForUser scope, as Graph requires.
 */
import type { Context } from "hono";
import { personalChatId } from "../../bot/ids.js";
import { conversationsOf } from "../../bot/index.js";
import { GraphError, type TenantApp, type TenantContext, type TenantVariables } from "../../context.js";
import {
  type AppInstallation,
  type CatalogApp,
  catalogOf,
  findCatalogApp,
  installationsOf,
  installForUser,
  uninstallForUserApp,
  userInstallations,
} from "../../teams/installations.js";
import { findUser } from "../directory/model.js";
import { notFound } from "../errors.js";
import { applyQuery, type ExpandItem, parseQuery, readOptions } from "../odata.js";

type C = Context<{ Variables: TenantVariables }>;

const READ_ROLES = [
  "TeamsAppInstallation.ReadForUser.All",
  "TeamsAppInstallation.ReadWriteSelfForUser.All",
  "TeamsAppInstallation.ReadWriteForUser.All",
  "TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All",
  "TeamsAppInstallation.ReadWriteAndConsentForUser.All",
];
const WRITE_ROLES = READ_ROLES.slice(1);
const toScope = (role: string) => role.replace(/\.All$/, "");

function authorize(c: C, write: boolean): void {
  const caller = c.get("caller");
  const allowed = write ? WRITE_ROLES : READ_ROLES;
  const ok = caller.userId
    ? caller.scopes.some((s) => allowed.map(toScope).includes(s))
    : caller.roles.some((r) => allowed.includes(r));
  if (!ok) {
    const names = caller.userId ? allowed.map(toScope) : allowed;
    throw new GraphError(
      403,
      "Forbidden",
      `Missing role permissions on the request. API requires one of '${names.join(", ")}'.`,
    );
  }
}

function userOf(c: C, ctx: TenantContext): string {
  const param = c.req.param("userId");
  if (param === undefined) {
    const me = c.get("caller").userId;
    if (!me) throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
    return me;
  }
  const user = findUser(ctx, param);
  if (!user) throw notFound(param);
  return user.id;
}

function installationOf(c: C, ctx: TenantContext, userId: string): AppInstallation {
  const id = c.req.param("installationId") ?? "";
  const found = installationsOf(ctx).get(id);
  if (!found || found.userId !== userId)
    throw new GraphError(404, "NotFound", `The app installation '${id}' does not exist for this user.`);
  return found;
}

function teamsAppView(app: CatalogApp) {
  return {
    id: app.id,
    externalId: app.externalId,
    displayName: app.displayName,
    distributionMethod: app.distributionMethod,
  };
}

function definitionView(ctx: TenantContext, app: CatalogApp) {
  return {
    id: Buffer.from(`${app.id}##${app.version}##Published`, "utf8").toString("base64"),
    teamsAppId: app.id,
    displayName: app.displayName,
    version: app.version,
    publishingState: "published",
    shortDescription: app.shortDescription,
    description: app.description,
    lastModifiedDateTime: null,
    createdBy: { application: { id: ctx.config.komuApp.clientId, displayName: "Kōmu" }, user: null },
  };
}

/** Installation as Graph serializes it; navigation properties only when expanded. */
function installationView(ctx: TenantContext, inst: AppInstallation): Record<string, unknown> {
  const app = findCatalogApp(ctx, inst.teamsAppId);
  return {
    id: inst.id,
    consentedPermissionSet: null,
    // kept for $filter/$expand; removed below unless expanded
    teamsApp: app ? teamsAppView(app) : null,
    teamsAppDefinition: app ? definitionView(ctx, app) : null,
  };
}

const NAVIGATION = ["teamsApp", "teamsAppDefinition"] as const;

function project(row: Record<string, unknown>, expand: readonly ExpandItem[] | undefined): Record<string, unknown> {
  const out = { ...row };
  for (const nav of NAVIGATION) if (!expand?.some((e) => e.name === nav)) delete out[nav];
  return out;
}

function checkExpand(expand: readonly ExpandItem[] | undefined, allowed: readonly string[]): void {
  for (const e of expand ?? [])
    if (!allowed.includes(e.name))
      throw new GraphError(400, "BadRequest", `Could not find a property named '${e.name}' on the type.`);
}

const json = (c: C, body: unknown, status = 200) =>
  c.json(body as Record<string, unknown>, status as 200, { "OData-Version": "4.0" });

const TEAMS_APP_BIND = /\/appCatalogs\/teamsApps\/([^/?#]+)$/i;

export function register(app: TenantApp, ctx: TenantContext): void {
  const origin = () => ctx.config.origin;

  app.get("/appCatalogs/teamsApps", (c) => {
    authorizeCatalog(c);
    const query = parseQuery(readOptions(new URL(c.req.url)));
    checkExpand(query.expand, ["appDefinitions"]);
    const expandDefinitions = query.expand?.some((e) => e.name === "appDefinitions");
    const rows = catalogOf(ctx).map((a) => ({
      ...teamsAppView(a),
      ...(expandDefinitions ? { appDefinitions: [definitionView(ctx, a)] } : {}),
    }));
    const page = applyQuery(rows, { ...query, expand: undefined }, { requestUrl: c.req.url });
    return json(c, { "@odata.context": `${origin()}/v1.0/$metadata#appCatalogs/teamsApps`, value: page.value });
  });

  app.get("/appCatalogs/teamsApps/:teamsAppId", (c) => {
    authorizeCatalog(c);
    const found = findCatalogApp(ctx, c.req.param("teamsAppId"));
    if (!found) throw new GraphError(404, "NotFound", `The app '${c.req.param("teamsAppId")}' is not in the catalog.`);
    return json(c, {
      "@odata.context": `${origin()}/v1.0/$metadata#appCatalogs/teamsApps/$entity`,
      ...teamsAppView(found),
    });
  });

  for (const base of ["/users/:userId/teamwork/installedApps", "/me/teamwork/installedApps"]) {
    app.post(base, async (c) => {
      authorize(c, true);
      const userId = userOf(c, ctx);
      let body: Record<string, unknown>;
      try {
        body = (await c.req.json()) as Record<string, unknown>;
      } catch {
        throw new GraphError(400, "BadRequest", "Unable to read JSON request payload.");
      }
      const bind = body?.["teamsApp@odata.bind"];
      const match = typeof bind === "string" ? TEAMS_APP_BIND.exec(bind) : null;
      if (!match)
        throw new GraphError(
          400,
          "BadRequest",
          "teamsApp@odata.bind must be a URL ending in /appCatalogs/teamsApps/{teams-app-id}.",
        );
      const catalogApp = findCatalogApp(ctx, decodeURIComponent(match[1] as string));
      if (!catalogApp)
        throw new GraphError(404, "NotFound", `The app '${match[1]}' is not in the organization's app catalog.`);
      const result = await installForUser(ctx, userId, catalogApp);
      if (result.kind === "alreadyInstalled")
        throw new GraphError(409, "Conflict", "The app is already installed for this user.");
      return c.body(null, 201);
    });

    app.get(base, (c) => {
      authorize(c, false);
      const userId = userOf(c, ctx);
      const query = parseQuery(readOptions(new URL(c.req.url)));
      checkExpand(query.expand, NAVIGATION);
      const rows = userInstallations(ctx, userId).map((i) => installationView(ctx, i));
      const page = applyQuery(rows, { ...query, expand: undefined, select: undefined }, { requestUrl: c.req.url });
      const value = (page.value as Record<string, unknown>[]).map((r) => {
        const projected = project(r, query.expand);
        return query.select ? pick(projected, query.select, query.expand) : projected;
      });
      return json(c, {
        "@odata.context": `${origin()}/v1.0/$metadata#users('${userId}')/teamwork/installedApps`,
        value,
      });
    });

    app.get(`${base}/:installationId`, (c) => {
      authorize(c, false);
      const userId = userOf(c, ctx);
      const query = parseQuery(readOptions(new URL(c.req.url)));
      checkExpand(query.expand, NAVIGATION);
      const inst = installationOf(c, ctx, userId);
      return json(c, {
        "@odata.context": `${origin()}/v1.0/$metadata#users('${userId}')/teamwork/installedApps/$entity`,
        ...project(installationView(ctx, inst), query.expand),
      });
    });

    app.get(`${base}/:installationId/chat`, (c) => {
      authorize(c, false);
      const userId = userOf(c, ctx);
      const inst = installationOf(c, ctx, userId);
      const catalogApp = findCatalogApp(ctx, inst.teamsAppId);
      if (!catalogApp?.hasBot)
        throw new GraphError(404, "NotFound", "The app has no bot, so there is no chat between it and the user.");
      const id = personalChatId(ctx.config.bot.appId, userId);
      const conv = [...conversationsOf(ctx).values()].find((v) => v.userOid === userId);
      const created = conv?.createdAt ?? inst.installedAt;
      return json(c, {
        "@odata.context": `${origin()}/v1.0/$metadata#chats/$entity`,
        id,
        topic: null,
        createdDateTime: created,
        lastUpdatedDateTime: created,
        chatType: "oneOnOne",
        webUrl: `${ctx.config.httpOrigin}/teams/`,
        tenantId: ctx.config.tenantId,
        onlineMeetingInfo: null,
        viewpoint: null,
      });
    });

    app.delete(`${base}/:installationId`, async (c) => {
      authorize(c, true);
      const userId = userOf(c, ctx);
      const inst = installationOf(c, ctx, userId);
      await uninstallForUserApp(ctx, inst);
      return c.body(null, 204);
    });
  }
}

/** The catalog needs AppCatalog.Read.All or AppCatalog.ReadWrite.All (role or delegated scope), as in Graph. */
function authorizeCatalog(c: C): void {
  const caller = c.get("caller");
  const allowed = ["AppCatalog.Read.All", "AppCatalog.ReadWrite.All"];
  const held = caller.userId ? caller.scopes : caller.roles;
  if (!held.some((p) => allowed.includes(p)))
    throw new GraphError(
      403,
      "Forbidden",
      `Missing role permissions on the request. API requires one of '${allowed.join(", ")}'.`,
    );
}

function pick(
  row: Record<string, unknown>,
  select: readonly string[],
  expand: readonly ExpandItem[] | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["id", ...select, ...(expand ?? []).map((e) => e.name)]) if (key in row) out[key] = row[key];
  return out;
}
