/**
 * A town-wide 校務支援 export (every school's students and guardians in one pair of files, like
 * the local seed) imported school by school: students split by 学校コード, guardians by their
 * child's school. Checked whole first: a row of an unknown school or an unknown child refuses
 * everything. Used by the local platform at start (function call, not HTTP).
 */
import type { AuditActor } from "@komu/shared/audit/events";
import { importRows, type RosterImportDeps, type RosterImportReport } from "./import-roster.js";
import { parseGuardians, parseStudents } from "./rows.js";

export async function importTownRoster(
  deps: RosterImportDeps,
  input: {
    schoolIds: readonly string[];
    students: Uint8Array;
    guardians: Uint8Array;
    actor: AuditActor;
    source: "api" | "seed";
  },
): Promise<RosterImportReport[]> {
  const known = new Set(input.schoolIds);
  const students = parseStudents(input.students, (code) => known.has(code));
  const schoolOf = new Map(students.map((s) => [s.studentNumber, s.schoolId]));
  const guardians = parseGuardians(input.guardians, (n) => schoolOf.get(n));
  const reports: RosterImportReport[] = [];
  // Schools one after another (each import writes in parallel already).
  for (const schoolId of input.schoolIds) {
    reports.push(
      await importRows(deps, {
        schoolId,
        students: students.filter((s) => s.schoolId === schoolId),
        guardians: guardians.filter((g) => g.schoolId === schoolId),
        actor: input.actor,
        source: input.source,
      }),
    );
  }
  return reports;
}
