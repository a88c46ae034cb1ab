/**
 * Import one school's roster from the 校務支援 export (students and/or guardians CSV):
 *   1. every row checked (rows.ts) — any problem refuses the whole import, nothing written;
 *   2. students matched to their Entra users (accounts.ts, one Graph listing);
 *   3. the plan (diff.ts) against the stored rows: create, update only what changed, deactivate
 *      rows the export no longer has (never delete);
 *   4. written with bounded parallelism and ETags (apply-plan.ts); audit `roster.imported`.
 * The same export imported twice changes nothing the second time (all unchanged). An import
 * that fails half way (storage down) is repaired by importing again.
 */
import { KomuError } from "@komu/shared";
import type { AuditActor } from "@komu/shared/audit/events";
import type { Logger } from "../deps.js";
import type { Storage, StoredEntity } from "../storage/index.js";
import { listAll } from "../storage/list-all.js";
import { matchAccounts, type StudentAccounts } from "./accounts.js";
import { applyPlan } from "./apply-plan.js";
import { type Counts, countsOf, planImport } from "./diff.js";
import { guardianRowId, type RosterGuardianRow, type RosterStudentRow, rosterRepos } from "./entities.js";
import { type GuardianInput, parseGuardians, parseStudents, type StudentInput } from "./rows.js";

export interface RosterImportDeps {
  storage: Pick<Storage, "entities" | "audit">;
  accounts: StudentAccounts;
  logger?: Logger;
  /** Told after an import wrote (the directory's cache). */
  onImported?: (schoolId: string) => void;
}

export interface ImportRosterInput {
  schoolId: string;
  /** The students export (bytes as uploaded: UTF-8, UTF-8 with BOM or Shift_JIS). */
  students?: Uint8Array;
  /** The guardians export; its children must be on the roster (this import's students or the stored ones). */
  guardians?: Uint8Array;
  actor: AuditActor;
  source: "api" | "seed";
  /**
   * An import that would deactivate more than a fifth of the active rows (and more than 5) is
   * refused with ROSTER_MASS_DEACTIVATION unless confirmed: a one-class CSV sent by mistake would
   * otherwise take the rest of the school off the roster.
   */
  confirmDeactivation?: boolean;
}

/** More than a fifth of the active rows, and more than 5, would become inactive. */
export function massDeactivation(active: readonly string[], incoming: ReadonlySet<string>): number | null {
  const leaving = active.filter((id) => !incoming.has(id)).length;
  return leaving > 5 && leaving > active.length / 5 ? leaving : null;
}

export type StudentCounts = Counts & { matched: number; unmatched: number };

export interface RosterImportReport {
  schoolId: string;
  /** null: no students file in this import. */
  students: StudentCounts | null;
  guardians: Counts | null;
}

export async function importRoster(deps: RosterImportDeps, input: ImportRosterInput): Promise<RosterImportReport> {
  const { schoolId } = input;
  if (!input.students && !input.guardians)
    throw new KomuError("VALIDATION_FAILED", { details: { reason: "no students or guardians file" } });
  const repos = rosterRepos(deps.storage);

  // 1. Check everything before any write (and before asking Graph).
  const students = input.students ? parseStudents(input.students, (code) => code === schoolId) : null;
  const storedStudents = await listAll(repos.students, schoolId);
  let guardians: GuardianInput[] | null = null;
  if (input.guardians) {
    const children = new Set(
      students ? students.map((s) => s.studentNumber) : storedStudents.filter((s) => s.data.active).map((s) => s.id),
    );
    guardians = parseGuardians(input.guardians, (n) => (children.has(n) ? schoolId : undefined));
  }
  if (!input.confirmDeactivation && students) {
    const active = storedStudents.filter((s) => s.data.active).map((s) => s.id);
    const leaving = massDeactivation(active, new Set(students.map((s) => s.studentNumber)));
    if (leaving !== null)
      throw new KomuError("ROSTER_MASS_DEACTIVATION", {
        details: { what: "students", leaving, active: active.length },
      });
  }
  if (!input.confirmDeactivation && guardians) {
    const stored = await listAll(repos.guardians, schoolId);
    const active = stored.filter((g) => g.data.active).map((g) => g.id);
    const leaving = massDeactivation(
      active,
      new Set(guardians.map((g) => guardianRowId(g.guardianNumber, g.studentNumber))),
    );
    if (leaving !== null)
      throw new KomuError("ROSTER_MASS_DEACTIVATION", {
        details: { what: "guardians", leaving, active: active.length },
      });
  }
  return importRows(deps, { ...input, students, guardians, storedStudents });
}

/**
 * Steps 2–4 for rows already checked (importRoster, and the town's export split by school in
 * import-town.ts). Guardians must name students of this school.
 */
export async function importRows(
  deps: RosterImportDeps,
  input: {
    schoolId: string;
    students: StudentInput[] | null;
    guardians: GuardianInput[] | null;
    actor: AuditActor;
    source: "api" | "seed";
    storedStudents?: StoredEntity<RosterStudentRow>[];
  },
): Promise<RosterImportReport> {
  const { schoolId, students, guardians } = input;
  const repos = rosterRepos(deps.storage);
  const storedStudents = input.storedStudents ?? (students ? await listAll(repos.students, schoolId) : []);

  // 2. Entra accounts, 3. plans.
  let studentPlan: ReturnType<typeof planImport<RosterStudentRow>> | null = null;
  let matched = 0;
  if (students) {
    const accounts = await deps.accounts.list(schoolId);
    const oids = matchAccounts(
      students.map((s) => s.studentNumber),
      accounts,
    );
    const incoming = new Map(students.map((s) => [s.studentNumber, studentRow(s, oids.get(s.studentNumber) ?? null)]));
    matched = [...incoming.values()].filter((s) => s.oid !== null).length;
    studentPlan = planImport(storedStudents, incoming);
  }
  let guardianPlan: ReturnType<typeof planImport<RosterGuardianRow>> | null = null;
  if (guardians) {
    const stored = await listAll(repos.guardians, schoolId);
    const incoming = new Map(
      guardians.map((g): [string, RosterGuardianRow] => [
        guardianRowId(g.guardianNumber, g.studentNumber),
        {
          guardianNumber: g.guardianNumber,
          studentNumber: g.studentNumber,
          relationship: g.relationship,
          surname: g.surname,
          givenName: g.givenName,
          surnameKana: g.surnameKana,
          givenNameKana: g.givenNameKana,
          email: g.email,
          active: true,
        },
      ]),
    );
    guardianPlan = planImport(stored, incoming);
  }

  // 4. Writes (students first: guardians name them), then the audit.
  try {
    if (studentPlan) await applyPlan(repos.students, schoolId, studentPlan);
    if (guardianPlan) await applyPlan(repos.guardians, schoolId, guardianPlan);
  } finally {
    deps.onImported?.(schoolId);
  }
  const report: RosterImportReport = {
    schoolId,
    students:
      studentPlan && students ? { ...countsOf(studentPlan), matched, unmatched: students.length - matched } : null,
    guardians: guardianPlan ? countsOf(guardianPlan) : null,
  };
  const changed = [report.students, report.guardians].some((c) => c && c.created + c.updated + c.deactivated > 0);
  if (input.source === "api" || changed) {
    await deps.storage.audit.append(schoolId, {
      kind: "roster.imported",
      actor: input.actor,
      target: { kind: "roster", id: schoolId },
      data: {
        source: input.source,
        ...(report.students ? { students: report.students } : {}),
        ...(report.guardians ? { guardians: report.guardians } : {}),
      },
    });
  }
  deps.logger?.info("roster imported", { ...report });
  return report;
}

function studentRow(s: StudentInput, oid: string | null): RosterStudentRow {
  return {
    studentNumber: s.studentNumber,
    grade: s.grade,
    class: s.class,
    number: s.number,
    surname: s.surname,
    givenName: s.givenName,
    surnameKana: s.surnameKana,
    givenNameKana: s.givenNameKana,
    oid,
    active: true,
  };
}
