/**
 * Read side of the roster (名簿): who is in which class, their guardians, which student an Entra
 * user is. Reads the whole school's roster (two paged single-partition listings; a school has at
 * most ~1,500 rows) and keeps it in process for a short while (30 s); an import in this process
 * drops the school's copy at once. Only active rows; display order 学年, 組, 出席番号.
 */

import type { Storage } from "../storage/index.js";
import { listAll } from "../storage/list-all.js";
import { type RosterGuardianRow, type RosterStudentRow, rosterRepos } from "./entities.js";

export interface RosterStudent {
  studentNumber: string;
  grade: number;
  class: number;
  /** 出席番号 */
  number: number;
  /** "姓 名" */
  name: string;
  /** "セイ メイ" */
  kana: string;
  /** The student's Entra user (null: no account matched at import). */
  oid: string | null;
}

export interface RosterGuardian {
  guardianNumber: string;
  studentNumber: string;
  /** 続柄 */
  relationship: string;
  name: string;
  kana: string;
  /** May be "" (no address in the export). */
  email: string;
  child: RosterStudent;
}

export interface RosterClass {
  grade: number;
  class: number;
  students: number;
  guardians: number;
}

/** A grade, or one class of it. */
export interface RosterGroup {
  grade: number;
  class?: number;
}

export interface RosterDirectory {
  classes(schoolId: string): Promise<RosterClass[]>;
  /** Active students, ordered; only those of `groups` when given. */
  students(schoolId: string, groups?: readonly RosterGroup[]): Promise<RosterStudent[]>;
  /** Active guardians of active students, ordered by child then 保護者番号. */
  guardians(schoolId: string, groups?: readonly RosterGroup[]): Promise<RosterGuardian[]>;
  studentByOid(schoolId: string, oid: string): Promise<RosterStudent | null>;
  /** Forget the cached copy of a school (after an import). */
  invalidate?(schoolId: string): void;
}

interface SchoolRoster {
  students: RosterStudent[];
  guardians: RosterGuardian[];
}

export const ROSTER_CACHE_MS = 30_000;

const joinName = (a: string, b: string) => [a, b].filter(Boolean).join(" ");

function studentView(s: RosterStudentRow): RosterStudent {
  return {
    studentNumber: s.studentNumber,
    grade: s.grade,
    class: s.class,
    number: s.number,
    name: joinName(s.surname, s.givenName),
    kana: joinName(s.surnameKana, s.givenNameKana),
    oid: s.oid,
  };
}

function guardianView(g: RosterGuardianRow, child: RosterStudent): RosterGuardian {
  return {
    guardianNumber: g.guardianNumber,
    studentNumber: g.studentNumber,
    relationship: g.relationship,
    name: joinName(g.surname, g.givenName),
    kana: joinName(g.surnameKana, g.givenNameKana),
    email: g.email,
    child,
  };
}

export const byClassOrder = (a: RosterStudent, b: RosterStudent) =>
  a.grade - b.grade ||
  a.class - b.class ||
  a.number - b.number ||
  (a.studentNumber < b.studentNumber ? -1 : a.studentNumber > b.studentNumber ? 1 : 0);

const inGroups = (s: RosterStudent, groups: readonly RosterGroup[] | undefined) =>
  !groups || groups.some((g) => g.grade === s.grade && (g.class === undefined || g.class === s.class));

export function createRosterDirectory(
  storage: Pick<Storage, "entities">,
  opts: { ttlMs?: number; now?: () => number } = {},
): RosterDirectory {
  const ttl = opts.ttlMs ?? ROSTER_CACHE_MS;
  const now = opts.now ?? Date.now;
  const repos = rosterRepos(storage);
  const cache = new Map<string, { at: number; roster: Promise<SchoolRoster> }>();

  async function read(schoolId: string): Promise<SchoolRoster> {
    const [students, guardians] = await Promise.all([
      listAll(repos.students, schoolId, { where: { active: true } }),
      listAll(repos.guardians, schoolId, { where: { active: true } }),
    ]);
    const views = students.map((s) => studentView(s.data)).sort(byClassOrder);
    const byNumber = new Map(views.map((s, i) => [s.studentNumber, { s, i }]));
    const withChild = guardians.flatMap((g) => {
      const child = byNumber.get(g.data.studentNumber);
      return child ? [{ view: guardianView(g.data, child.s), order: child.i }] : [];
    });
    withChild.sort(
      (a, b) =>
        a.order - b.order ||
        (a.view.guardianNumber < b.view.guardianNumber ? -1 : a.view.guardianNumber > b.view.guardianNumber ? 1 : 0),
    );
    return { students: views, guardians: withChild.map((g) => g.view) };
  }

  function roster(schoolId: string): Promise<SchoolRoster> {
    const hit = cache.get(schoolId);
    if (hit && now() - hit.at < ttl) return hit.roster;
    const entry = { at: now(), roster: read(schoolId) };
    cache.set(schoolId, entry);
    // A failed read is not kept.
    entry.roster.catch(() => {
      if (cache.get(schoolId) === entry) cache.delete(schoolId);
    });
    return entry.roster;
  }

  return {
    async classes(schoolId) {
      const { students, guardians } = await roster(schoolId);
      const classes = new Map<string, RosterClass>();
      const key = (s: RosterStudent) => `${s.grade}/${s.class}`;
      for (const s of students) {
        const c = classes.get(key(s)) ?? { grade: s.grade, class: s.class, students: 0, guardians: 0 };
        c.students += 1;
        classes.set(key(s), c);
      }
      for (const g of guardians) (classes.get(key(g.child)) as RosterClass).guardians += 1;
      // Insertion order follows the students' order: grade, then class.
      return [...classes.values()];
    },
    async students(schoolId, groups) {
      return (await roster(schoolId)).students.filter((s) => inGroups(s, groups));
    },
    async guardians(schoolId, groups) {
      return (await roster(schoolId)).guardians.filter((g) => inGroups(g.child, groups));
    },
    async studentByOid(schoolId, oid) {
      return (await roster(schoolId)).students.find((s) => s.oid === oid) ?? null;
    },
    invalidate(schoolId) {
      cache.delete(schoolId);
    },
  };
}
