/**
 * The town's schools, read from Entra groups: every `komu-<schoolId>-staff` group that is a
 * role-assignable security group (identity/groups.ts isTrustedGroup: ordinary users cannot
 * create those) is a school, named by the group's displayName ("青葉小学校 教職員"). The board
 * of education is one of them, under `BOARD_SCHOOL_ID` (`boe`). A Microsoft 365 group or team
 * a user created with such an alias adds no school and renames none.
 * Cached for a few minutes; one Graph listing serves every request meanwhile.
 */
import type { School, SchoolDirectory } from "../deps.js";
import { GROUP_SELECT, groupMeaning, isTrustedGroup, schoolNameFromGroup } from "../identity/groups.js";
import type { GraphGateway, GraphGroupRef } from "./gateway.js";

const PREFIX = "komu-";

export function createGraphSchoolDirectory(
  graph: Pick<GraphGateway, "app" | "allPages">,
  options: { ttlMs?: number; now?: () => number } = {},
): SchoolDirectory {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; schools: Promise<School[]> } | undefined;

  async function load(): Promise<School[]> {
    const filter = encodeURIComponent(`startswith(mailNickname,'${PREFIX}')`);
    const groups = await graph.allPages<GraphGroupRef>(
      graph.app,
      `/groups?$filter=${filter}&$select=${GROUP_SELECT}&$top=999`,
      "schoolDirectory",
    );
    const schools = new Map<string, School>();
    for (const group of groups) {
      if (!isTrustedGroup(group)) continue;
      const meaning = groupMeaning(group.mailNickname);
      if (meaning?.type !== "staff") continue;
      schools.set(meaning.schoolId, {
        id: meaning.schoolId,
        name: schoolNameFromGroup(group.displayName) ?? meaning.schoolId,
      });
    }
    return [...schools.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  function list(): Promise<School[]> {
    if (!cached || now() - cached.at >= ttl) {
      const schools = load();
      cached = { at: now(), schools };
      schools.catch(() => {
        if (cached?.schools === schools) cached = undefined;
      });
    }
    return cached.schools;
  }

  return {
    list,
    async get(schoolId) {
      return (await list()).find((s) => s.id === schoolId);
    },
  };
}

/** A fixed directory (tests, or a deployment that lists its schools in configuration). */
export function createStaticSchoolDirectory(schools: readonly School[]): SchoolDirectory {
  return {
    list: async () => [...schools],
    get: async (schoolId) => schools.find((s) => s.id === schoolId),
  };
}
