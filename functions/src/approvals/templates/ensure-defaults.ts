/**
 * Seeds a school's default route templates (一般起案, 学年合議つき, 決裁後回覧) the first time the
 * school's templates are read. Idempotent: an existing id (a principal's edit, or a concurrent
 * seed) is left alone. The board (`boe`) gets none: its shared templates are its own.
 */
import { BOARD_SCHOOL_ID, defaultRouteTemplates, isKomuError, RouteTemplateInput } from "@komu/shared";
import type { Storage } from "../../storage/index.js";
import { approvalsRepos } from "../entities.js";

/** Schools already seeded, per entity store (tests and the bench run several stores in one process). */
const seededBy = new WeakMap<object, Set<string>>();

export async function ensureDefaultTemplates(storage: Pick<Storage, "entities">, schoolId: string): Promise<void> {
  let seeded = seededBy.get(storage.entities);
  if (!seeded) {
    seeded = new Set();
    seededBy.set(storage.entities, seeded);
  }
  if (schoolId === BOARD_SCHOOL_ID || seeded.has(schoolId)) return;
  const { templates } = approvalsRepos(storage);
  for (const { id, ...template } of defaultRouteTemplates()) {
    if (await templates.get(schoolId, id)) continue;
    try {
      await templates.create(schoolId, id, RouteTemplateInput.parse(template));
    } catch (e) {
      if (!(isKomuError(e) && e.code === "CONFLICT")) throw e;
    }
  }
  seeded.add(schoolId);
}
