/**
 * SharePoint / OneDrive state of the local tenant: sites, drives (document libraries), drive
 * items (files and folders, which are also the library's list items), generic lists and their
 * items. Everything is JSON in `ctx.store` collections; file bytes are blobs.
 */
import type { TenantContext } from "../../context.js";
import { newDriveId, newGuid, newItemId } from "./ids.js";

export interface IdentitySet {
  user?: { id?: string; displayName: string; email?: string };
  application?: { id: string; displayName: string };
}

export interface SiteRecord {
  id: string;
  hostname: string;
  siteCollectionId: string;
  webId: string;
  /** server-relative path, e.g. "/sites/aoba-e" ("" for the root site) */
  path: string;
  key: string;
  name: string;
  displayName: string;
  description: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  defaultDriveId: string;
  personalOwnerId?: string;
}

export interface DriveRecord {
  id: string;
  siteId: string;
  listId: string;
  rootId: string;
  name: string;
  /** URL segment of the library ("Shared Documents") */
  urlName: string;
  description: string;
  driveType: "documentLibrary" | "business";
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdBy: IdentitySet;
  ownerUserId?: string;
}

export interface VersionRecord {
  id: string;
  size: number;
  blobId: string;
  mimeType: string;
  lastModifiedDateTime: string;
  lastModifiedBy: IdentitySet;
}

export interface PermissionRecord {
  id: string;
  roles: ("read" | "write" | "owner")[];
  /** a direct grant to a tenant user or group */
  grantee?: { kind: "user" | "group"; id: string; displayName: string; email?: string };
  /** an invitation sent to an address that is not a tenant user */
  invitation?: { email: string; signInRequired: boolean };
  link?: {
    type: "view" | "edit" | "embed";
    scope: "anonymous" | "organization" | "users";
    token: string;
    hasPassword: boolean;
    /** users a "users"-scoped link was granted to */
    userIds: string[];
  };
  expirationDateTime?: string;
  createdDateTime: string;
  application: { id: string; displayName: string };
}

export interface RetentionLabelRecord {
  name: string;
  appliedDateTime: string;
  appliedBy: IdentitySet;
}

export interface DriveItemRecord {
  id: string;
  driveId: string;
  parentId: string | null;
  name: string;
  isFolder: boolean;
  size: number;
  mimeType?: string;
  /** versions of a file, oldest first; the last one is the current content */
  versions: VersionRecord[];
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdBy: IdentitySet;
  lastModifiedBy: IdentitySet;
  /** SharePoint's UniqueId; eTag is "{guid},version", cTag "c:{guid},contentVersion" */
  uniqueId: string;
  version: number;
  contentVersion: number;
  /** the item's id in the library's list ("1", "2", …); absent for the root folder */
  listItemId?: string;
  /** listItem column values other than the built-in ones */
  fields: Record<string, unknown>;
  retentionLabel?: RetentionLabelRecord;
  permissions: PermissionRecord[];
  /**
   * Set once the item is shared with specific people (an invite): SharePoint breaks its permission
   * inheritance then, and deleting those grants later does not restore it (no site membership in
   * the local tenant: nobody but the app sees it until it is shared again).
   */
  uniquePermissions?: boolean;
}

export interface ColumnRecord {
  id: string;
  name: string;
  displayName: string;
  description: string;
  columnGroup: string;
  enforceUniqueValues: boolean;
  hidden: boolean;
  indexed: boolean;
  readOnly: boolean;
  required: boolean;
  type: "text" | "number" | "dateTime" | "choice" | "boolean" | "personOrGroup";
  /** the type facet as posted, e.g. { choices: [...] } */
  facet: Record<string, unknown>;
  builtIn?: boolean;
}

export interface ListRecord {
  id: string;
  siteId: string;
  name: string;
  displayName: string;
  description: string;
  template: string;
  driveId?: string;
  columns: ColumnRecord[];
  nextItemId: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdBy: IdentitySet;
  lastModifiedBy: IdentitySet;
}

export interface ListItemRecord {
  listId: string;
  id: string;
  fields: Record<string, unknown>;
  uniqueId: string;
  version: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdBy: IdentitySet;
  lastModifiedBy: IdentitySet;
}

export const COLLECTIONS = {
  sites: "sp.sites",
  drives: "sp.drives",
  items: "sp.items",
  lists: "sp.lists",
  listItems: "sp.listItems",
  uploads: "sp.uploadSessions",
  meta: "sp.meta",
  labels: "sp.retentionLabels",
} as const;

export const sites = (ctx: TenantContext) => ctx.store.collection<SiteRecord>(COLLECTIONS.sites);
export const drives = (ctx: TenantContext) => ctx.store.collection<DriveRecord>(COLLECTIONS.drives);
export const items = (ctx: TenantContext) => ctx.store.collection<DriveItemRecord>(COLLECTIONS.items);
export const lists = (ctx: TenantContext) => ctx.store.collection<ListRecord>(COLLECTIONS.lists);
/** keyed `${listId}/${itemId}` */
export const listItems = (ctx: TenantContext) => ctx.store.collection<ListItemRecord>(COLLECTIONS.listItems);
export const listItemKey = (listId: string, id: string) => `${listId}/${id}`;

export const SYSTEM_ACCOUNT: IdentitySet = { user: { displayName: "System Account" } };

/** The SharePoint host name of the local tenant: the host of its origin ("localhost"). */
export function spHostname(ctx: TenantContext): string {
  return new URL(ctx.config.origin).hostname;
}

export function siteWebUrl(ctx: TenantContext, site: SiteRecord): string {
  return `${ctx.config.origin}${site.path}`;
}

export function driveWebUrl(ctx: TenantContext, drive: DriveRecord): string {
  const site = sites(ctx).get(drive.siteId);
  return `${site ? siteWebUrl(ctx, site) : ctx.config.origin}/${encodeURIComponent(drive.urlName)}`;
}

const nowIso = (ctx: TenantContext) => ctx.now().toISOString();

function titleColumn(): ColumnRecord {
  return builtInColumn("Title", "Title", "text", { required: false });
}

export function builtInColumn(
  name: string,
  displayName: string,
  type: ColumnRecord["type"],
  extra: Partial<ColumnRecord> = {},
): ColumnRecord {
  return {
    id: newGuid(),
    name,
    displayName,
    description: "",
    columnGroup: "Custom Columns",
    enforceUniqueValues: false,
    hidden: false,
    indexed: false,
    readOnly: false,
    required: false,
    type,
    facet: type === "text" ? { allowMultipleLines: false, maxLength: 255 } : {},
    builtIn: true,
    ...extra,
  };
}

/** Creates a document library (its drive, list and root folder) on a site. */
export function createLibrary(
  ctx: TenantContext,
  site: SiteRecord,
  options: {
    displayName: string;
    urlName: string;
    description?: string;
    createdBy?: IdentitySet;
    driveType?: DriveRecord["driveType"];
  },
): DriveRecord {
  const now = nowIso(ctx);
  const createdBy = options.createdBy ?? SYSTEM_ACCOUNT;
  const drive: DriveRecord = {
    id: newDriveId(),
    siteId: site.id,
    listId: newGuid(),
    rootId: newItemId(),
    name: options.displayName,
    urlName: options.urlName,
    description: options.description ?? "",
    driveType: options.driveType ?? "documentLibrary",
    createdDateTime: now,
    lastModifiedDateTime: now,
    createdBy,
  };
  const list: ListRecord = {
    id: drive.listId,
    siteId: site.id,
    name: options.urlName,
    displayName: options.displayName,
    description: drive.description,
    template: "documentLibrary",
    driveId: drive.id,
    columns: [titleColumn(), builtInColumn("FileLeafRef", "Name", "text", { required: true, indexed: true })],
    nextItemId: 1,
    createdDateTime: now,
    lastModifiedDateTime: now,
    createdBy,
    lastModifiedBy: createdBy,
  };
  const root: DriveItemRecord = {
    id: drive.rootId,
    driveId: drive.id,
    parentId: null,
    name: "root",
    isFolder: true,
    size: 0,
    versions: [],
    createdDateTime: now,
    lastModifiedDateTime: now,
    createdBy,
    lastModifiedBy: createdBy,
    uniqueId: newGuid(),
    version: 1,
    contentVersion: 1,
    fields: {},
    permissions: [],
  };
  drives(ctx).set(drive.id, drive);
  lists(ctx).set(list.id, list);
  items(ctx).set(root.id, root);
  ctx.store.changed();
  return drive;
}

function createSite(
  ctx: TenantContext,
  key: string,
  path: string,
  displayName: string,
  description: string,
): SiteRecord {
  const hostname = spHostname(ctx);
  const siteCollectionId = newGuid();
  const webId = newGuid();
  const now = nowIso(ctx);
  const site: SiteRecord = {
    id: `${hostname},${siteCollectionId},${webId}`,
    hostname,
    siteCollectionId,
    webId,
    path,
    key,
    name: key || "root",
    displayName,
    description,
    createdDateTime: now,
    lastModifiedDateTime: now,
    defaultDriveId: "",
  };
  sites(ctx).set(site.id, site);
  const drive = createLibrary(ctx, site, { displayName: "ドキュメント", urlName: "Shared Documents" });
  site.defaultDriveId = drive.id;
  ctx.store.changed();
  return site;
}

export function findSiteByKey(ctx: TenantContext, key: string): SiteRecord | undefined {
  for (const site of sites(ctx).values()) if (site.key === key && !site.personalOwnerId) return site;
  return undefined;
}

/**
 * Idempotent: returns the site with this key (its URL is /sites/{key}), creating it and its
 * default document library "ドキュメント" when missing. Used by the seed loader.
 */
export function ensureSite(
  ctx: TenantContext,
  options: { key: string; displayName: string; description?: string },
): { siteId: string; driveId: string } {
  const existing = findSiteByKey(ctx, options.key);
  if (existing) return { siteId: existing.id, driveId: existing.defaultDriveId };
  const site = createSite(ctx, options.key, `/sites/${options.key}`, options.displayName, options.description ?? "");
  return { siteId: site.id, driveId: site.defaultDriveId };
}

/** The tenant's root site (https://host/), created on first use. */
export function ensureRootSite(ctx: TenantContext): SiteRecord {
  const existing = findSiteByKey(ctx, "");
  if (existing) return existing;
  return createSite(ctx, "", "", "Communication site", "");
}

/** A user's OneDrive (a personal site with one "business" drive), created on first use. */
export function ensurePersonalDrive(ctx: TenantContext, userId: string): DriveRecord {
  for (const site of sites(ctx).values()) {
    if (site.personalOwnerId === userId) {
      const drive = drives(ctx).get(site.defaultDriveId);
      if (drive) return drive;
    }
  }
  const user = ctx.store
    .collection<{ displayName?: string; userPrincipalName?: string; mail?: string }>("users")
    .get(userId);
  const upn = user?.userPrincipalName ?? userId;
  const key = `personal-${upn.replace(/[^A-Za-z0-9]/g, "_")}`;
  const hostname = spHostname(ctx);
  const now = nowIso(ctx);
  const siteCollectionId = newGuid();
  const webId = newGuid();
  const site: SiteRecord = {
    id: `${hostname},${siteCollectionId},${webId}`,
    hostname,
    siteCollectionId,
    webId,
    path: `/personal/${upn.replace(/[^A-Za-z0-9]/g, "_")}`,
    key,
    name: key,
    displayName: user?.displayName ?? upn,
    description: "",
    createdDateTime: now,
    lastModifiedDateTime: now,
    defaultDriveId: "",
    personalOwnerId: userId,
  };
  sites(ctx).set(site.id, site);
  const owner: IdentitySet = {
    user: { id: userId, displayName: user?.displayName ?? upn, ...(user?.mail ? { email: user.mail } : {}) },
  };
  const drive = createLibrary(ctx, site, { displayName: "OneDrive", urlName: "Documents", driveType: "business" });
  drive.ownerUserId = userId;
  drive.createdBy = owner;
  site.defaultDriveId = drive.id;
  ctx.store.changed();
  return drive;
}

export function childrenOf(ctx: TenantContext, parentId: string): DriveItemRecord[] {
  const result: DriveItemRecord[] = [];
  for (const item of items(ctx).values()) if (item.parentId === parentId) result.push(item);
  return result;
}

export function findChild(ctx: TenantContext, parentId: string, name: string): DriveItemRecord | undefined {
  const lower = name.toLowerCase();
  for (const item of items(ctx).values())
    if (item.parentId === parentId && item.name.toLowerCase() === lower) return item;
  return undefined;
}

/** Ancestors from the parent up to (and including) the root. */
export function ancestorsOf(ctx: TenantContext, item: DriveItemRecord): DriveItemRecord[] {
  const result: DriveItemRecord[] = [];
  let parentId = item.parentId;
  const all = items(ctx);
  while (parentId) {
    const parent = all.get(parentId);
    if (!parent) break;
    result.push(parent);
    parentId = parent.parentId;
  }
  return result;
}

/** Path below the root, e.g. "/FolderA/FileB.txt" ("" for the root). */
export function pathOf(ctx: TenantContext, item: DriveItemRecord): string {
  if (item.parentId === null) return "";
  const names = ancestorsOf(ctx, item)
    .filter((a) => a.parentId !== null)
    .map((a) => a.name)
    .reverse();
  return `/${[...names, item.name].join("/")}`;
}

export function descendantsOf(ctx: TenantContext, folderId: string): DriveItemRecord[] {
  const result: DriveItemRecord[] = [];
  const queue = [folderId];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const child of childrenOf(ctx, id)) {
      result.push(child);
      if (child.isFolder) queue.push(child.id);
    }
  }
  return result;
}

export function currentVersion(item: DriveItemRecord): VersionRecord | undefined {
  return item.versions[item.versions.length - 1];
}

export function libraryListOf(ctx: TenantContext, drive: DriveRecord): ListRecord | undefined {
  return lists(ctx).get(drive.listId);
}

/** Assigns the next list item id of the drive's library to a new drive item. */
export function assignListItemId(ctx: TenantContext, drive: DriveRecord): string | undefined {
  const list = libraryListOf(ctx, drive);
  if (!list) return undefined;
  const id = String(list.nextItemId);
  list.nextItemId += 1;
  return id;
}
