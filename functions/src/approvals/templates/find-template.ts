/** A template usable in a school: the school's own, else one the board shares (`boe`). */
import { BOARD_SCHOOL_ID, KomuError, type RouteTemplate } from "@komu/shared";
import type { Storage } from "../../storage/index.js";
import { approvalsRepos } from "../entities.js";
import { ensureDefaultTemplates } from "./ensure-defaults.js";
import { toTemplate } from "./template-view.js";

export async function findTemplate(
  storage: Pick<Storage, "entities">,
  schoolId: string,
  templateId: string,
): Promise<RouteTemplate> {
  await ensureDefaultTemplates(storage, schoolId);
  const { templates } = approvalsRepos(storage);
  const row = (await templates.get(schoolId, templateId)) ?? (await templates.get(BOARD_SCHOOL_ID, templateId));
  if (!row?.data.active) throw new KomuError("NOT_FOUND", { details: { kind: "approvalTemplate", id: templateId } });
  return toTemplate(row);
}
