/** Column definitions: parsing POSTed columns, Graph's columnDefinition JSON, field validation. */
import { GraphError } from "../../context.js";
import { badRequest } from "./http.js";
import { newGuid } from "./ids.js";
import type { ColumnRecord, ListRecord } from "./model.js";

const TYPES = ["text", "number", "dateTime", "choice", "boolean", "personOrGroup"] as const;

export function parseColumn(body: Record<string, unknown>, list: ListRecord): ColumnRecord {
  const name = body.name;
  if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw badRequest("Column name is required and may contain only letters, digits and underscores.");
  }
  if (list.columns.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
    throw new GraphError(409, "nameAlreadyExists", `A duplicate field name "${name}" was found.`);
  }
  const types = TYPES.filter((t) => body[t] !== undefined);
  if (types.length !== 1) throw badRequest(`Exactly one column type facet is required (${TYPES.join(", ")}).`);
  const type = types[0] as ColumnRecord["type"];
  const facet = (body[type] ?? {}) as Record<string, unknown>;
  if (typeof facet !== "object" || facet === null) throw badRequest(`The ${type} facet must be an object.`);
  if (type === "choice") {
    if (!Array.isArray(facet.choices) || facet.choices.some((c) => typeof c !== "string"))
      throw badRequest("choice.choices must be an array of strings.");
  }
  const bool = (v: unknown) => v === true;
  return {
    id: newGuid(),
    name,
    displayName: typeof body.displayName === "string" ? body.displayName : name,
    description: typeof body.description === "string" ? body.description : "",
    columnGroup: "Custom Columns",
    enforceUniqueValues: bool(body.enforceUniqueValues),
    hidden: bool(body.hidden),
    indexed: bool(body.indexed) || bool(body.enforceUniqueValues),
    readOnly: false,
    required: bool(body.required),
    type,
    facet: { ...facet },
  };
}

export function serializeColumn(col: ColumnRecord): Record<string, unknown> {
  return {
    columnGroup: col.columnGroup,
    description: col.description,
    displayName: col.displayName,
    enforceUniqueValues: col.enforceUniqueValues,
    hidden: col.hidden,
    id: col.id,
    indexed: col.indexed,
    name: col.name,
    readOnly: col.readOnly,
    required: col.required,
    [col.type]: col.facet,
  };
}

export function findColumn(list: ListRecord, name: string): ColumnRecord | undefined {
  const lower = name.toLowerCase();
  return list.columns.find((c) => c.name.toLowerCase() === lower);
}

/** Fields the client may not write. */
const READ_ONLY = new Set([
  "id",
  "contenttype",
  "created",
  "modified",
  "author",
  "editor",
  "_uiversionstring",
  "attachments",
  "@odata.etag",
  "edit",
  "linktitle",
  "linktitlenomenu",
  "docicon",
  "filesizedisplay",
  "itemchildcount",
  "folderchildcount",
  "_compliancetag",
]);

/** Validates and normalizes a fields patch against the list's columns. */
export function validateFields(list: ListRecord, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(patch)) {
    if (key.startsWith("@odata.")) continue;
    let column = findColumn(list, key);
    if (READ_ONLY.has(key.toLowerCase()) && (!column || column.builtIn))
      throw badRequest(`Field '${key}' is read-only.`);
    let storeKey = column?.name;
    if (!column) {
      const m = /^(.*)LookupId$/.exec(key);
      const base = m ? findColumn(list, m[1] as string) : undefined;
      if (base?.type === "personOrGroup") {
        column = base;
        storeKey = `${base.name}LookupId`;
      }
    }
    if (!column || !storeKey) throw badRequest(`Field '${key}' is not recognized`);
    if (column.readOnly) throw badRequest(`Field '${key}' is read-only.`);
    out[storeKey] = normalizeValue(column, key, raw);
  }
  return out;
}

function normalizeValue(column: ColumnRecord, key: string, value: unknown): unknown {
  if (value === null) return null;
  const bad = (expected: string) => badRequest(`Field '${key}' expects ${expected}; got ${JSON.stringify(value)}.`);
  switch (column.type) {
    case "text":
      if (typeof value !== "string") throw bad("a string");
      if (value.length > Number(column.facet.maxLength ?? 255) && column.facet.allowMultipleLines !== true)
        throw bad("at most 255 characters");
      return value;
    case "number": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof n !== "number" || !Number.isFinite(n)) throw bad("a number");
      return n;
    }
    case "boolean":
      if (typeof value !== "boolean") throw bad("true or false");
      return value;
    case "dateTime": {
      if (typeof value !== "string" || Number.isNaN(Date.parse(value))) throw bad("an ISO 8601 date-time");
      return new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z");
    }
    case "choice": {
      if (typeof value !== "string") throw bad("one of the column's choices");
      const choices = (column.facet.choices as string[] | undefined) ?? [];
      if (!choices.includes(value) && column.facet.allowTextEntry !== true)
        throw bad(`one of ${JSON.stringify(choices)}`);
      return value;
    }
    case "personOrGroup":
      if (typeof value !== "string" && typeof value !== "number") throw bad("a user id, e-mail or lookup id");
      return value;
  }
}

export function requiredMissing(list: ListRecord, fields: Record<string, unknown>): void {
  for (const col of list.columns) {
    if (col.required && !col.builtIn) {
      const v = fields[col.name] ?? fields[`${col.name}LookupId`];
      if (v === undefined || v === null || v === "") throw badRequest(`Field '${col.name}' is required.`);
    }
  }
}
