/** The templates a school's drafters choose from: its own and the board's shared ones. */
import { BOARD_SCHOOL_ID, type RouteTemplateView } from "@komu/shared";
import type { Storage } from "../../storage/index.js";
import { approvalsRepos } from "../entities.js";
import { ensureDefaultTemplates } from "./ensure-defaults.js";
import { toTemplateView } from "./template-view.js";

export async function listTemplates(
  storage: Pick<Storage, "entities">,
  schoolId: string,
  opts: { includeInactive?: boolean } = {},
): Promise<RouteTemplateView[]> {
  await ensureDefaultTemplates(storage, schoolId);
  const { templates } = approvalsRepos(storage);
  const own = (await templates.list(schoolId, { limit: 200 })).items;
  const shared = schoolId === BOARD_SCHOOL_ID ? [] : (await templates.list(BOARD_SCHOOL_ID, { limit: 200 })).items;
  return [...own, ...shared]
    .filter((row) => opts.includeInactive || row.data.active)
    .map(toTemplateView)
    .sort((a, b) => Number(a.shared) - Number(b.shared) || a.template.createdAt.localeCompare(b.template.createdAt));
}
