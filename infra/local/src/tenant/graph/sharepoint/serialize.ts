/** Graph JSON shapes of sites, drives, drive items and list items. */
import type { TenantContext } from "../../context.js";
import { downloadUrl } from "./download.js";
import { driveItemCTag, driveItemETag, listItemETag } from "./etag.js";
import { effectiveLabel } from "./labels.js";
import {
  childrenOf,
  currentVersion,
  type DriveItemRecord,
  type DriveRecord,
  drives,
  driveWebUrl,
  type ListItemRecord,
  type ListRecord,
  lists,
  pathOf,
  type SiteRecord,
  sites,
  siteWebUrl,
} from "./model.js";

export function serializeSite(ctx: TenantContext, site: SiteRecord): Record<string, unknown> {
  return {
    id: site.id,
    displayName: site.displayName,
    name: site.name,
    description: site.description,
    createdDateTime: site.createdDateTime,
    lastModifiedDateTime: site.lastModifiedDateTime,
    webUrl: siteWebUrl(ctx, site),
    siteCollection: { hostname: site.hostname },
    ...(site.path === "" ? { root: {} } : {}),
  };
}

export function serializeDrive(ctx: TenantContext, drive: DriveRecord): Record<string, unknown> {
  const used = usedBytes(ctx, drive.id);
  const total = 1099511627776;
  const owner = drive.ownerUserId
    ? drive.createdBy
    : { group: { displayName: sites(ctx).get(drive.siteId)?.displayName ?? "" } };
  return {
    createdDateTime: drive.createdDateTime,
    description: drive.description,
    id: drive.id,
    lastModifiedDateTime: drive.lastModifiedDateTime,
    name: drive.name,
    webUrl: driveWebUrl(ctx, drive),
    driveType: drive.driveType,
    createdBy: drive.createdBy,
    lastModifiedBy: drive.createdBy,
    owner,
    quota: { deleted: 0, remaining: total - used, state: "normal", total, used },
  };
}

function usedBytes(ctx: TenantContext, driveId: string): number {
  let used = 0;
  for (const item of ctx.store.collection<DriveItemRecord>("sp.items").values()) {
    if (item.driveId === driveId && !item.isFolder) used += item.versions.reduce((sum, v) => sum + v.size, 0);
  }
  return used;
}

export function parentReference(ctx: TenantContext, item: DriveItemRecord): Record<string, unknown> {
  const drive = drives(ctx).get(item.driveId);
  const base: Record<string, unknown> = {
    driveType: drive?.driveType ?? "documentLibrary",
    driveId: item.driveId,
  };
  if (drive) base.siteId = drive.siteId;
  if (item.parentId === null) return base;
  const parent = ctx.store.collection<DriveItemRecord>("sp.items").get(item.parentId);
  if (!parent) return base;
  return {
    ...base,
    id: parent.id,
    name: parent.parentId === null ? "root" : parent.name,
    path: `/drives/${item.driveId}/root:${pathOf(ctx, parent)}`,
  };
}

export function itemWebUrl(ctx: TenantContext, item: DriveItemRecord): string {
  const drive = drives(ctx).get(item.driveId);
  const base = drive ? driveWebUrl(ctx, drive) : ctx.config.origin;
  return `${base}${pathOf(ctx, item)
    .split("/")
    .map((p) => encodeURIComponent(p))
    .join("/")}`;
}

export interface DriveItemOptions {
  select?: string[] | undefined;
  /** include @microsoft.graph.downloadUrl on files (default true) */
  downloadUrl?: boolean;
}

export function serializeDriveItem(
  ctx: TenantContext,
  item: DriveItemRecord,
  options: DriveItemOptions = {},
): Record<string, unknown> {
  const version = currentVersion(item);
  const out: Record<string, unknown> = {};
  const wantDownload = options.select
    ? options.select.some((s) => s.toLowerCase() === "@microsoft.graph.downloadurl")
    : options.downloadUrl !== false;
  if (!item.isFolder && wantDownload) out["@microsoft.graph.downloadUrl"] = downloadUrl(ctx, item);
  Object.assign(out, {
    createdDateTime: item.createdDateTime,
    eTag: driveItemETag(item.uniqueId, item.version),
    id: item.id,
    lastModifiedDateTime: item.lastModifiedDateTime,
    name: item.name,
    webUrl: itemWebUrl(ctx, item),
    cTag: driveItemCTag(item.uniqueId, item.contentVersion),
    size: item.isFolder ? folderSize(ctx, item) : item.size,
    createdBy: item.createdBy,
    lastModifiedBy: item.lastModifiedBy,
    parentReference: parentReference(ctx, item),
    fileSystemInfo: { createdDateTime: item.createdDateTime, lastModifiedDateTime: item.lastModifiedDateTime },
  });
  if (item.isFolder) out.folder = { childCount: childrenOf(ctx, item.id).length };
  else out.file = { mimeType: version?.mimeType ?? item.mimeType ?? "application/octet-stream" };
  if (item.parentId === null) out.root = {};
  if (item.listItemId && item.parentId !== null) {
    const drive = drives(ctx).get(item.driveId);
    if (drive) out.sharepointIds = sharepointIds(ctx, drive, item);
  }
  if (!options.select) return out;
  return pick(out, options.select);
}

export function sharepointIds(ctx: TenantContext, drive: DriveRecord, item: DriveItemRecord): Record<string, unknown> {
  const site = sites(ctx).get(drive.siteId);
  return {
    listId: drive.listId,
    listItemId: item.listItemId,
    listItemUniqueId: item.uniqueId,
    siteId: site?.siteCollectionId,
    siteUrl: site ? siteWebUrl(ctx, site) : undefined,
    webId: site?.webId,
  };
}

function folderSize(ctx: TenantContext, folder: DriveItemRecord): number {
  let size = 0;
  for (const child of childrenOf(ctx, folder.id)) size += child.isFolder ? folderSize(ctx, child) : child.size;
  return size;
}

/** Keeps the selected properties (case-insensitive) and OData annotations. */
export function pick(obj: Record<string, unknown>, select: string[]): Record<string, unknown> {
  const wanted = new Set(select.map((s) => s.trim().toLowerCase()));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key.startsWith("@odata.") || wanted.has(key.toLowerCase())) out[key] = value;
  }
  return out;
}

export interface ListItemView {
  id: string;
  uniqueId: string;
  version: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdBy: DriveItemRecord["createdBy"];
  lastModifiedBy: DriveItemRecord["lastModifiedBy"];
  contentType: { id: string; name: string };
  webUrl: string;
  fields: Record<string, unknown>;
  siteId: string;
  listId: string;
}

export function genericItemView(ctx: TenantContext, list: ListRecord, rec: ListItemRecord): ListItemView {
  const site = sites(ctx).get(list.siteId);
  const etag = listItemETag(rec.uniqueId, rec.version);
  const title = rec.fields.Title;
  const fields: Record<string, unknown> = {
    "@odata.etag": etag,
    id: rec.id,
    ContentType: "Item",
    ...rec.fields,
    Modified: rec.lastModifiedDateTime,
    Created: rec.createdDateTime,
    _UIVersionString: `${rec.version}.0`,
    Attachments: false,
    Edit: "",
    LinkTitleNoMenu: title ?? "",
    LinkTitle: title ?? "",
    ItemChildCount: "0",
    FolderChildCount: "0",
  };
  return {
    id: rec.id,
    uniqueId: rec.uniqueId,
    version: rec.version,
    createdDateTime: rec.createdDateTime,
    lastModifiedDateTime: rec.lastModifiedDateTime,
    createdBy: rec.createdBy,
    lastModifiedBy: rec.lastModifiedBy,
    contentType: { id: "0x0100", name: "Item" },
    webUrl: `${site ? siteWebUrl(ctx, site) : ctx.config.origin}/Lists/${encodeURIComponent(list.name)}/DispForm.aspx?ID=${rec.id}`,
    fields,
    siteId: list.siteId,
    listId: list.id,
  };
}

export function libraryItemView(ctx: TenantContext, drive: DriveRecord, item: DriveItemRecord): ListItemView {
  const etag = listItemETag(item.uniqueId, item.version);
  const label = effectiveLabel(ctx, item);
  const ext = item.isFolder ? "" : (/\.([^.]+)$/.exec(item.name)?.[1] ?? "");
  const children = item.isFolder ? childrenOf(ctx, item.id) : [];
  const fields: Record<string, unknown> = {
    "@odata.etag": etag,
    id: item.listItemId,
    ContentType: item.isFolder ? "Folder" : "Document",
    ...item.fields,
    FileLeafRef: item.name,
    Modified: item.lastModifiedDateTime,
    Created: item.createdDateTime,
    _UIVersionString: `${item.versions.length || 1}.0`,
    Edit: "",
    LinkFilenameNoMenu: item.name,
    LinkFilename: item.name,
    DocIcon: ext,
    FileSizeDisplay: item.isFolder ? "" : String(item.size),
    ItemChildCount: String(children.filter((c) => !c.isFolder).length),
    FolderChildCount: String(children.filter((c) => c.isFolder).length),
    _ComplianceTag: label?.label.name ?? "",
    _ComplianceTagWrittenTime: label?.label.appliedDateTime ?? "",
  };
  return {
    id: item.listItemId ?? "",
    uniqueId: item.uniqueId,
    version: item.version,
    createdDateTime: item.createdDateTime,
    lastModifiedDateTime: item.lastModifiedDateTime,
    createdBy: item.createdBy,
    lastModifiedBy: item.lastModifiedBy,
    contentType: item.isFolder ? { id: "0x0120", name: "Folder" } : { id: "0x0101", name: "Document" },
    webUrl: itemWebUrl(ctx, item),
    fields,
    siteId: drive.siteId,
    listId: drive.listId,
  };
}

export function selectFields(fields: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select) return fields;
  return pick(fields, select);
}

export function serializeListItem(
  ctx: TenantContext,
  view: ListItemView,
  options: { expandFields?: { select?: string[] | undefined } | undefined; select?: string[] | undefined } = {},
): Record<string, unknown> {
  const etag = listItemETag(view.uniqueId, view.version);
  const out: Record<string, unknown> = {
    "@odata.etag": etag,
    createdDateTime: view.createdDateTime,
    eTag: etag,
    id: view.id,
    lastModifiedDateTime: view.lastModifiedDateTime,
    webUrl: view.webUrl,
    createdBy: view.createdBy,
    lastModifiedBy: view.lastModifiedBy,
    parentReference: { id: view.listId, siteId: view.siteId },
    contentType: view.contentType,
  };
  const list = lists(ctx).get(view.listId);
  if (list?.driveId) {
    out.sharepointIds = { listId: view.listId, listItemId: view.id, listItemUniqueId: view.uniqueId };
  }
  const result = options.select ? pick(out, options.select) : out;
  if (options.expandFields) {
    result["fields@odata.context"] =
      `${ctx.config.origin}/v1.0/$metadata#sites('${view.siteId}')/lists('${view.listId}')/items('${view.id}')/fields/$entity`;
    result.fields = selectFields(view.fields, options.expandFields.select);
  }
  return result;
}
