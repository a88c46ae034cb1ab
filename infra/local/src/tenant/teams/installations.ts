/**
 * Teams apps installed in users' personal scope: the app catalog (Kōmu, from the manifest
 * template) and the installations, shared by Graph (`/users/{id}/teamwork/installedApps`) and the
 * Teams client (opening Kōmu installs it, "remove" uninstalls it). Installing Kōmu does what
 * Teams does: the bot gets `installationUpdate` (add) and `conversationUpdate` (bot added) in the
 * user's 1:1 chat; removing it sends `installationUpdate` (remove) and blocks the bot's writes.
 *   collection "teamwork.installedApps": Map<installationId, AppInstallation>
 */
import { readFileSync } from "node:fs";
import { type BotConversation, notifyInstallationUpdate, openPersonalChat, uninstallForUser } from "../bot/index.js";
import type { TenantContext } from "../context.js";
import { DEFAULT_MANIFEST_PATH, LOCAL_TEAMS_APP_ID } from "./tabs.js";

export interface CatalogApp {
  /** the app catalog id (teamsApp id) */
  id: string;
  /** the manifest id */
  externalId: string;
  displayName: string;
  distributionMethod: "organization";
  version: string;
  shortDescription: string;
  description: string;
  /** the app's bot, if any: installing the app adds it to the user's 1:1 chat */
  hasBot: boolean;
}

export interface AppInstallation {
  id: string;
  userId: string;
  teamsAppId: string;
  installedAt: string;
}

/** The catalog: Kōmu, described by the manifest template (placeholders removed). */
export function appCatalog(manifestPath = DEFAULT_MANIFEST_PATH): CatalogApp[] {
  let manifest: {
    version?: string;
    name?: { short?: string };
    description?: { short?: string; full?: string };
    bots?: unknown[];
  } = {};
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch {
    /* built-in description below */
  }
  const clean = (s: string | undefined, fallback: string) => (s ?? fallback).replace(/\$\{\{[^}]*\}\}/g, "").trim();
  return [
    {
      id: LOCAL_TEAMS_APP_ID,
      externalId: LOCAL_TEAMS_APP_ID,
      displayName: clean(manifest.name?.short, "Kōmu 校務"),
      distributionMethod: "organization",
      version: manifest.version ?? "0.1.0",
      shortDescription: clean(manifest.description?.short, "校務を Teams で。"),
      description: clean(manifest.description?.full, "校務を Teams で。"),
      hasBot: manifest.bots ? manifest.bots.length > 0 : true,
    },
  ];
}

export function findCatalogApp(ctx: TenantContext, id: string): CatalogApp | undefined {
  return catalogOf(ctx).find((a) => a.id.toLowerCase() === id.toLowerCase());
}

const catalogs = new WeakMap<TenantContext, CatalogApp[]>();
export function catalogOf(ctx: TenantContext): CatalogApp[] {
  let catalog = catalogs.get(ctx);
  if (!catalog) {
    catalog = appCatalog();
    catalogs.set(ctx, catalog);
  }
  return catalog;
}

export const installationsOf = (ctx: TenantContext) => ctx.store.collection<AppInstallation>("teamwork.installedApps");

/** Graph's installation id: base64("<user id>##<teams app id>"). */
export function installationId(userId: string, teamsAppId: string): string {
  return Buffer.from(`${userId}##${teamsAppId}`, "utf8").toString("base64");
}

export function userInstallations(ctx: TenantContext, userId: string): AppInstallation[] {
  return [...installationsOf(ctx).values()].filter((i) => i.userId === userId);
}

function record(ctx: TenantContext, userId: string, teamsAppId: string): AppInstallation {
  const id = installationId(userId, teamsAppId);
  const installation: AppInstallation = { id, userId, teamsAppId, installedAt: ctx.now().toISOString() };
  installationsOf(ctx).set(id, installation);
  ctx.store.changed();
  return installation;
}

export type InstallResult =
  | { kind: "installed"; installation: AppInstallation; conversation?: BotConversation; botStatus?: number }
  | { kind: "alreadyInstalled"; installation: AppInstallation };

/**
 * Installs a catalog app for a user (Graph's POST …/teamwork/installedApps). The installation
 * stands even when the bot could not be reached (Teams retries the bot, not the install); the
 * Teams client's next open delivers the conversationUpdate again in that case.
 */
export async function installForUser(ctx: TenantContext, userId: string, app: CatalogApp): Promise<InstallResult> {
  const existing = installationsOf(ctx).get(installationId(userId, app.id));
  if (existing) return { kind: "alreadyInstalled", installation: existing };
  const installation = record(ctx, userId, app.id);
  if (!app.hasBot || app.id !== LOCAL_TEAMS_APP_ID) return { kind: "installed", installation };
  await notifyInstallationUpdate(ctx, userId, "add");
  const { conversation, delivered } = await openPersonalChat(ctx, userId, { reinstall: true });
  return {
    kind: "installed",
    installation,
    conversation,
    ...(delivered ? { botStatus: delivered.status } : {}),
  };
}

/** Removes an installation (Graph's DELETE, or "remove" in the Teams client). */
export async function uninstallForUserApp(ctx: TenantContext, installation: AppInstallation): Promise<void> {
  installationsOf(ctx).delete(installation.id);
  ctx.store.changed();
  if (installation.teamsAppId !== LOCAL_TEAMS_APP_ID) return;
  uninstallForUser(ctx, installation.userId);
  await notifyInstallationUpdate(ctx, installation.userId, "remove");
}

/** The Teams client opened Kōmu for the user and the bot accepted it: Kōmu is installed for them. */
export function noteKomuOpened(ctx: TenantContext, userId: string): void {
  if (!installationsOf(ctx).has(installationId(userId, LOCAL_TEAMS_APP_ID))) record(ctx, userId, LOCAL_TEAMS_APP_ID);
}

/** The Teams client removed Kōmu for the user. */
export async function removeKomu(ctx: TenantContext, userId: string): Promise<void> {
  const installation = installationsOf(ctx).get(installationId(userId, LOCAL_TEAMS_APP_ID));
  if (installation) await uninstallForUserApp(ctx, installation);
  else uninstallForUser(ctx, userId);
}
