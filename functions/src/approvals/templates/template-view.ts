import { BOARD_SCHOOL_ID, type RouteTemplate, type RouteTemplateView } from "@komu/shared";
import type { StoredEntity } from "../../storage/index.js";
import type { RouteTemplateRow } from "../entities.js";

export function toTemplate(row: StoredEntity<RouteTemplateRow>): RouteTemplate {
  return { ...row.data, id: row.id, schoolId: row.schoolId, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export function toTemplateView(row: StoredEntity<RouteTemplateRow>): RouteTemplateView {
  return { template: toTemplate(row), etag: row.etag, shared: row.schoolId === BOARD_SCHOOL_ID };
}
