/**
 * The town's schools, read from Entra groups: every `komu-<schoolId>-staff` group is a school
 * (the board of education is `boe`), named by the group's displayName ("青葉小学校 教職員").
 * Cached for a few minutes; one Graph listing serves every request meanwhile.
 */
import type { School, SchoolDirectory } from "../deps.js";
import { groupMeaning, schoolNameFromGroup } from "../identity/groups.js";
import type { GraphGateway } from "./gateway.js";

export function createGraphSchoolDirectory(
  graph: Pick<GraphGateway, "groupsByNicknamePrefix">,
  options: { ttlMs?: number; now?: () => number } = {},
): SchoolDirectory {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; schools: Promise<School[]> } | undefined;

  async function load(): Promise<School[]> {
    const groups = await graph.groupsByNicknamePrefix("komu-");
    const schools = new Map<string, School>();
    for (const group of groups) {
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
