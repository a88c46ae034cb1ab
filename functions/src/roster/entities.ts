/**
 * The class roster (名簿) in Azure Tables, partition = schoolId. Rows are never deleted: a
 * student or guardian missing from a later export is marked `active: false` (a transfer keeps
 * its history; answers already given still name who gave them).
 */
import { z } from "zod";
import { defineEntity, type Storage } from "../storage/index.js";

/** id = 学籍番号. `oid`: the student's Entra user, matched at import (null: no account found). */
export const rosterStudentEntity = defineEntity({
  kind: "rosterStudent",
  schema: z.object({
    studentNumber: z.string(),
    grade: z.number().int().min(1).max(6),
    class: z.number().int().min(1).max(20),
    number: z.number().int().min(1),
    surname: z.string(),
    givenName: z.string(),
    surnameKana: z.string(),
    givenNameKana: z.string(),
    oid: z.string().nullable(),
    active: z.boolean(),
  }),
  indexes: ["grade", "class", "active"],
});
export type RosterStudentRow = z.infer<typeof rosterStudentEntity.schema>;

/**
 * One row per guardian and child: id = `<保護者番号>.<学籍番号>` (a guardian of two siblings has two
 * rows, as in the export; that pair is also what a survey link is for). Guardians have no
 * Microsoft 365 account.
 */
export const rosterGuardianEntity = defineEntity({
  kind: "rosterGuardian",
  schema: z.object({
    guardianNumber: z.string(),
    studentNumber: z.string(),
    relationship: z.string(),
    surname: z.string(),
    givenName: z.string(),
    surnameKana: z.string(),
    givenNameKana: z.string(),
    email: z.string(),
    active: z.boolean(),
  }),
  indexes: ["studentNumber", "active"],
});
export type RosterGuardianRow = z.infer<typeof rosterGuardianEntity.schema>;

export const guardianRowId = (guardianNumber: string, studentNumber: string) => `${guardianNumber}.${studentNumber}`;

export function rosterRepos(storage: Pick<Storage, "entities">) {
  return {
    students: storage.entities.repo(rosterStudentEntity),
    guardians: storage.entities.repo(rosterGuardianEntity),
  };
}
export type RosterRepos = ReturnType<typeof rosterRepos>;
