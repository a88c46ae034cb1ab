import type { AppDeps } from "../deps.js";

/** A school's display name: from the caller's own groups, else the directory, else its id. */
export async function schoolName(
  deps: AppDeps,
  known: Record<string, string> | undefined,
  schoolId: string,
): Promise<string> {
  const fromGroups = known?.[schoolId];
  if (fromGroups) return fromGroups;
  try {
    return (await deps.schools.get(schoolId))?.name ?? schoolId;
  } catch (error) {
    deps.logger.warn("school directory unavailable", { schoolId, error: String(error) });
    return schoolId;
  }
}
