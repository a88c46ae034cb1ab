/**
 * One interface over the two kinds of list items: generic list items (stored as listItems) and
 * the items of a document library (which are the drive's items).
 */
import { GraphError, type TenantContext } from "../../context.js";
import { findColumn, requiredMissing, validateFields } from "./columns.js";
import { checkIfMatch } from "./etag.js";
import { badRequest, notFound, validateName } from "./http.js";
import { newGuid } from "./ids.js";
import {
  type DriveItemRecord,
  drives,
  findChild,
  type IdentitySet,
  items,
  type ListItemRecord,
  type ListRecord,
  listItemKey,
  listItems,
} from "./model.js";
import { assertDeletable, deleteItem, touch } from "./mutate.js";
import { genericItemView, type ListItemView, libraryItemView } from "./serialize.js";

export interface ListItemsAdapter {
  list: ListRecord;
  all(): ListItemView[];
  get(id: string): ListItemView;
  create(fields: Record<string, unknown>, by: IdentitySet): ListItemView;
  updateFields(id: string, patch: Record<string, unknown>, ifMatch: string | undefined, by: IdentitySet): ListItemView;
  remove(id: string, ifMatch: string | undefined): void;
  /** the drive item behind a library list item */
  driveItem(id: string): DriveItemRecord;
}

export function adapterFor(ctx: TenantContext, list: ListRecord): ListItemsAdapter {
  return list.driveId ? libraryAdapter(ctx, list) : genericAdapter(ctx, list);
}

function genericAdapter(ctx: TenantContext, list: ListRecord): ListItemsAdapter {
  const store = listItems(ctx);
  const record = (id: string) => {
    const rec = store.get(listItemKey(list.id, id));
    if (!rec) throw notFound("The list item could not be found.");
    return rec;
  };
  return {
    list,
    all() {
      const rows: ListItemRecord[] = [];
      for (const rec of store.values()) if (rec.listId === list.id) rows.push(rec);
      rows.sort((a, b) => Number(a.id) - Number(b.id));
      return rows.map((rec) => genericItemView(ctx, list, rec));
    },
    get: (id) => genericItemView(ctx, list, record(id)),
    create(fields, by) {
      const values = validateFields(list, fields);
      requiredMissing(list, values);
      const now = ctx.now().toISOString();
      const rec: ListItemRecord = {
        listId: list.id,
        id: String(list.nextItemId),
        fields: values,
        uniqueId: newGuid(),
        version: 1,
        createdDateTime: now,
        lastModifiedDateTime: now,
        createdBy: by,
        lastModifiedBy: by,
      };
      list.nextItemId += 1;
      store.set(listItemKey(list.id, rec.id), rec);
      ctx.store.changed();
      return genericItemView(ctx, list, rec);
    },
    updateFields(id, patch, ifMatch, by) {
      const rec = record(id);
      checkIfMatch(ifMatch, rec.uniqueId, rec.version);
      const values = validateFields(list, patch);
      Object.assign(rec.fields, values);
      rec.version += 1;
      rec.lastModifiedDateTime = ctx.now().toISOString();
      rec.lastModifiedBy = by;
      ctx.store.changed();
      return genericItemView(ctx, list, rec);
    },
    remove(id, ifMatch) {
      const rec = record(id);
      checkIfMatch(ifMatch, rec.uniqueId, rec.version);
      store.delete(listItemKey(list.id, id));
      ctx.store.changed();
    },
    driveItem() {
      throw notFound("Items of a generic list have no driveItem.");
    },
  };
}

function libraryAdapter(ctx: TenantContext, list: ListRecord): ListItemsAdapter {
  const drive = drives(ctx).get(list.driveId as string);
  if (!drive) throw notFound("The document library's drive could not be found.");
  const record = (id: string) => {
    for (const item of items(ctx).values()) if (item.driveId === drive.id && item.listItemId === id) return item;
    throw notFound("The list item could not be found.");
  };
  return {
    list,
    all() {
      const rows: DriveItemRecord[] = [];
      for (const item of items(ctx).values()) if (item.driveId === drive.id && item.parentId !== null) rows.push(item);
      rows.sort((a, b) => Number(a.listItemId) - Number(b.listItemId));
      return rows.map((item) => libraryItemView(ctx, drive, item));
    },
    get: (id) => libraryItemView(ctx, drive, record(id)),
    create() {
      throw badRequest("Files and folders should only be added to a DocumentLibrary via the OneDrive API");
    },
    updateFields(id, patch, ifMatch, by) {
      const item = record(id);
      checkIfMatch(ifMatch, item.uniqueId, item.version);
      const values = validateFields(list, patch);
      if (values.FileLeafRef !== undefined) {
        const name = validateName(values.FileLeafRef);
        const clash = findChild(ctx, item.parentId as string, name);
        if (clash && clash.id !== item.id)
          throw new GraphError(409, "nameAlreadyExists", "The specified item name already exists.");
        item.name = name;
        delete values.FileLeafRef;
      }
      Object.assign(item.fields, values);
      touch(ctx, item, by);
      ctx.store.changed();
      return libraryItemView(ctx, drive, item);
    },
    remove(id, ifMatch) {
      const item = record(id);
      checkIfMatch(ifMatch, item.uniqueId, item.version);
      assertDeletable(ctx, item);
      deleteItem(ctx, item);
    },
    driveItem: (id) => record(id),
  };
}

/** Whether a fields/X reference may be used in $filter/$orderby without the Prefer header. */
export function isIndexed(list: ListRecord, field: string): boolean {
  if (field.toLowerCase() === "id") return true;
  return findColumn(list, field)?.indexed === true;
}
