/** Creating, writing, renaming and deleting drive items (shared by the handlers). */
import { GraphError, type TenantContext } from "../../context.js";
import type { ConflictBehavior } from "./http.js";
import { newGuid, newItemId } from "./ids.js";
import { effectiveLabel, labelSettings } from "./labels.js";
import {
  assignListItemId,
  type DriveItemRecord,
  type DriveRecord,
  descendantsOf,
  findChild,
  type IdentitySet,
  items,
} from "./model.js";

const MIME: Record<string, string> = {
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  html: "text/html",
  zip: "application/zip",
};

export function mimeTypeFor(name: string, contentType?: string | null): string {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  if (MIME[ext]) return MIME[ext] as string;
  if (contentType && !contentType.startsWith("application/x-www-form-urlencoded"))
    return contentType.split(";")[0]?.trim() || "application/octet-stream";
  return "application/octet-stream";
}

export function touch(ctx: TenantContext, item: DriveItemRecord, by: IdentitySet, content = false): void {
  item.version += 1;
  if (content) item.contentVersion += 1;
  item.lastModifiedDateTime = ctx.now().toISOString();
  item.lastModifiedBy = by;
}

/** Touches the ancestors' cTag-independent metadata (folder lastModified) like SharePoint does. */
function touchParent(ctx: TenantContext, parentId: string | null, by: IdentitySet): void {
  if (!parentId) return;
  const parent = items(ctx).get(parentId);
  if (parent && parent.parentId !== null) {
    parent.lastModifiedDateTime = ctx.now().toISOString();
    parent.lastModifiedBy = by;
  }
}

/** "name 1.ext", "name 2.ext", … — OneDrive's rename on conflict. */
export function uniqueName(ctx: TenantContext, parentId: string, name: string): string {
  if (!findChild(ctx, parentId, name)) return name;
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : "";
  for (let n = 1; ; n++) {
    const candidate = `${stem} ${n}${ext}`;
    if (!findChild(ctx, parentId, candidate)) return candidate;
  }
}

export interface ConflictOutcome {
  name: string;
  /** the existing item to replace (behaviour "replace") */
  existing?: DriveItemRecord;
}

export function resolveConflict(
  ctx: TenantContext,
  parent: DriveItemRecord,
  name: string,
  behavior: ConflictBehavior,
): ConflictOutcome {
  const existing = findChild(ctx, parent.id, name);
  if (!existing) return { name };
  if (behavior === "fail") throw new GraphError(409, "nameAlreadyExists", "The specified item name already exists.");
  if (behavior === "rename") return { name: uniqueName(ctx, parent.id, name) };
  return { name, existing };
}

export function requireFolder(parent: DriveItemRecord): void {
  if (!parent.isFolder) throw new GraphError(400, "invalidRequest", "The parent item is not a folder.");
}

function newRecord(
  ctx: TenantContext,
  drive: DriveRecord,
  parent: DriveItemRecord,
  name: string,
  isFolder: boolean,
  by: IdentitySet,
): DriveItemRecord {
  const now = ctx.now().toISOString();
  const listItemId = assignListItemId(ctx, drive);
  return {
    id: newItemId(),
    driveId: drive.id,
    parentId: parent.id,
    name,
    isFolder,
    size: 0,
    versions: [],
    createdDateTime: now,
    lastModifiedDateTime: now,
    createdBy: by,
    lastModifiedBy: by,
    uniqueId: newGuid(),
    version: 1,
    contentVersion: 1,
    ...(listItemId ? { listItemId } : {}),
    fields: {},
    permissions: [],
  };
}

export function createFolder(
  ctx: TenantContext,
  drive: DriveRecord,
  parent: DriveItemRecord,
  name: string,
  by: IdentitySet,
): DriveItemRecord {
  const folder = newRecord(ctx, drive, parent, name, true, by);
  items(ctx).set(folder.id, folder);
  touchParent(ctx, parent.id, by);
  ctx.store.changed();
  return folder;
}

/** Stores bytes as a new version of an existing file. */
export function writeContent(
  ctx: TenantContext,
  item: DriveItemRecord,
  bytes: Uint8Array,
  mimeType: string,
  by: IdentitySet,
): void {
  const versionId = `${item.versions.length + 1}.0`;
  const blobId = `sp/${item.id}/${versionId}`;
  ctx.store.blobs.put(blobId, bytes);
  const now = ctx.now().toISOString();
  item.versions.push({
    id: versionId,
    size: bytes.byteLength,
    blobId,
    mimeType,
    lastModifiedDateTime: now,
    lastModifiedBy: by,
  });
  item.size = bytes.byteLength;
  item.mimeType = mimeType;
  if (item.versions.length > 1) touch(ctx, item, by, true);
  touchParent(ctx, item.parentId, by);
  ctx.store.changed();
}

/**
 * Creates or replaces a file named `name` under `parent` per the conflict behaviour.
 * Returns the item and whether it was created (201) or replaced (200).
 */
export function putFile(
  ctx: TenantContext,
  drive: DriveRecord,
  parent: DriveItemRecord,
  name: string,
  bytes: Uint8Array,
  contentType: string | null | undefined,
  behavior: ConflictBehavior,
  by: IdentitySet,
): { item: DriveItemRecord; created: boolean } {
  requireFolder(parent);
  const outcome = resolveConflict(ctx, parent, name, behavior);
  const mimeType = mimeTypeFor(outcome.name, contentType);
  if (outcome.existing && !outcome.existing.isFolder) {
    assertContentUpdatable(ctx, outcome.existing);
    writeContent(ctx, outcome.existing, bytes, mimeType, by);
    return { item: outcome.existing, created: false };
  }
  if (outcome.existing) deleteItem(ctx, outcome.existing);
  const file = newRecord(ctx, drive, parent, outcome.name, false, by);
  items(ctx).set(file.id, file);
  writeContent(ctx, file, bytes, mimeType, by);
  return { item: file, created: true };
}

export function assertContentUpdatable(ctx: TenantContext, item: DriveItemRecord): void {
  const label = effectiveLabel(ctx, item);
  if (!label) return;
  const settings = labelSettings(ctx, label.label.name);
  if (
    settings.behaviorDuringRetentionPeriod === "retainAsRecord" ||
    settings.behaviorDuringRetentionPeriod === "retainAsRegulatoryRecord"
  ) {
    if (!settings.isContentUpdateAllowed) {
      throw new GraphError(
        403,
        "accessDenied",
        `The item is a record (retention label '${label.label.name}') and its content cannot be changed.`,
      );
    }
  }
}

/** SharePoint refuses to delete items whose retention label retains them (and folders containing such items). */
export function assertDeletable(ctx: TenantContext, item: DriveItemRecord): void {
  for (const candidate of [item, ...(item.isFolder ? descendantsOf(ctx, item.id) : [])]) {
    const label = effectiveLabel(ctx, candidate);
    if (label && !labelSettings(ctx, label.label.name).isDeleteAllowed) {
      throw new GraphError(
        403,
        "accessDenied",
        `The item '${candidate.name}' has the retention label '${label.label.name}' and cannot be deleted during its retention period.`,
      );
    }
  }
}

/** Removes the item, its descendants and their blobs. */
export function deleteItem(ctx: TenantContext, item: DriveItemRecord): void {
  const all = items(ctx);
  for (const victim of [...(item.isFolder ? descendantsOf(ctx, item.id) : []), item]) {
    for (const v of victim.versions) ctx.store.blobs.delete(v.blobId);
    all.delete(victim.id);
  }
  ctx.store.changed();
}

export function readContent(ctx: TenantContext, item: DriveItemRecord, versionId?: string): Uint8Array {
  const version = versionId ? item.versions.find((v) => v.id === versionId) : item.versions[item.versions.length - 1];
  if (!version) return new Uint8Array();
  return ctx.store.blobs.get(version.blobId) ?? new Uint8Array();
}
