/**
 * The class roster (名簿) on the local platform: the seeded town's export imported at start
 * (students matched to their Entra users), read through the API, re-imported by the school's
 * clerk with a student removed, refused for a teacher (import) and a student (read), and a bad
 * CSV that changes nothing and names its rows. A second start of the platform on the same tables
 * finds everything unchanged.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { SEED_DATA_DIR } from "@komu/local/tenant/seed/roster";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = any;

let platform: RunningPlatform;
let tablePrefix: string;
let startedIn = 0;
const seedStudents = readFileSync(join(SEED_DATA_DIR, "students.csv"), "utf8");
const aobaLines = () => {
  const [header, ...rows] = seedStudents.trim().split(/\r?\n/);
  return { header: header as string, rows: rows.filter((r) => r.split(",")[1] === "aoba-e") };
};

beforeAll(async () => {
  tablePrefix = `t${Math.random().toString(16).slice(2, 10)}`;
  const t0 = performance.now();
  platform = await startTestPlatform({ jobs: false, throttle: "off", provisionRecords: false, tablePrefix });
  startedIn = performance.now() - t0;
});
afterAll(async () => {
  await platform?.stop();
});

async function call(upn: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${platform.url}${path}`, {
    ...init,
    headers: { ...(init.headers ?? {}), authorization: `Bearer ${await signIn(platform, upn)}` },
  });
  return { status: res.status, body: await res.json() };
}
const putCsv = (upn: string, file: "students" | "guardians", body: string | Uint8Array, schoolId = "aoba-e") =>
  call(upn, `/api/schools/${schoolId}/roster/${file}`, {
    method: "PUT",
    headers: { "content-type": "text/csv; charset=utf-8" },
    body: typeof body === "string" ? body : Buffer.from(body),
  });

describe("the seeded roster", () => {
  it("is imported at start for every school, students matched to their Entra users", async () => {
    const reports = await platform.rosterReady;
    console.info(`[roster] platform start with the roster import: ${Math.round(startedIn)} ms`);
    expect(reports.map((r) => r.schoolId)).toEqual(["aoba-e", "aoba-j", "higashi-e", "nishi-e"]);
    for (const r of reports) {
      expect(r.students).toMatchObject({ updated: 0, deactivated: 0, unmatched: 0 });
      expect(r.students?.matched).toBe((r.students?.created ?? 0) + (r.students?.unchanged ?? 0));
    }
    expect(reports.reduce((n, r) => n + (r.students?.created ?? 0), 0)).toBe(210);
    expect(reports.reduce((n, r) => n + (r.guardians?.created ?? 0), 0)).toBe(210);
  });

  it("lists aoba-e's 12 classes of 5 with their guardians, in grade and class order", async () => {
    const res = await call(KNOWN_USERS.aobaTeacher.upn, "/api/schools/aoba-e/roster/classes");
    expect(res.status).toBe(200);
    expect(res.body.classes).toHaveLength(12);
    expect(res.body.classes.map((c: Json) => `${c.grade}-${c.class}`)).toEqual(
      [1, 2, 3, 4, 5, 6].flatMap((g) => [`${g}-1`, `${g}-2`]),
    );
    expect(res.body.classes.every((c: Json) => c.students === 5 && c.guardians === 5)).toBe(true);
  });

  it("gives a class in 出席番号 order, each student with their Entra user", async () => {
    const res = await call(KNOWN_USERS.aobaTeacher.upn, "/api/schools/aoba-e/roster/students?grade=3&class=1");
    expect(res.status).toBe(200);
    expect(res.body.students.map((s: Json) => s.number)).toEqual([1, 2, 3, 4, 5]);
    const me = res.body.students.find((s: Json) => s.studentNumber === KNOWN_USERS.aobaStudent.studentNumber);
    expect(me).toMatchObject({ name: KNOWN_USERS.aobaStudent.displayName, oid: KNOWN_USERS.aobaStudent.id });
    expect(res.body.students.every((s: Json) => typeof s.oid === "string" && !("email" in s))).toBe(true);
    const student = await platform.deps.roster?.studentByOid("aoba-e", KNOWN_USERS.aobaStudent.id);
    expect(student).toMatchObject({ studentNumber: "12024001", grade: 3, class: 1 });
    const guardians = await platform.deps.roster?.guardians("aoba-e", [{ grade: 3, class: 1 }]);
    expect(guardians?.map((g) => g.child.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it("is found unchanged by a second start on the same tables", async () => {
    const second = await startTestPlatform({ jobs: false, throttle: "off", provisionRecords: false, tablePrefix });
    try {
      const reports = await second.rosterReady;
      for (const r of reports) {
        expect(r.students).toMatchObject({ created: 0, updated: 0, deactivated: 0 });
        expect(r.guardians).toMatchObject({ created: 0, updated: 0, deactivated: 0 });
      }
      expect(reports.reduce((n, r) => n + (r.students?.unchanged ?? 0) + (r.guardians?.unchanged ?? 0), 0)).toBe(420);
    } finally {
      await second.stop();
    }
  });
});

describe("importing through the API", () => {
  it("refuses a teacher's import (403) and a student's read (403)", async () => {
    const { header, rows } = aobaLines();
    const teacher = await putCsv(KNOWN_USERS.aobaTeacher.upn, "students", [header, ...rows].join("\n"));
    expect(teacher.status).toBe(403);
    expect(teacher.body.error.code).toBe("FORBIDDEN");
    const student = await call(KNOWN_USERS.aobaStudent.upn, "/api/schools/aoba-e/roster/classes");
    expect(student.status).toBe(403);
    const otherSchool = await putCsv(KNOWN_USERS.aobaClerk.upn, "students", [header, ...rows].join("\n"), "higashi-e");
    expect(otherSchool.status).toBe(403);
  });

  it("refuses a bad CSV whole, naming its rows, and changes nothing", async () => {
    const { header, rows } = aobaLines();
    const bad = [...rows];
    bad[2] = (bad[2] as string).replace(/^(\d+),aoba-e,(\d),/, "$1,aoba-e,9,"); // 学年 9 → row 4
    bad.push("19999999,higashi-e,1,1,6,東,一,ヒガシ,ハジメ,男,2019-01-01"); // another school → last row
    const res = await putCsv(KNOWN_USERS.aobaClerk.upn, "students", `\uFEFF${[header, ...bad].join("\r\n")}`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("ROSTER_CSV_INVALID");
    expect(res.body.error.message.ja).toContain("何も変更していません");
    expect(res.body.error.details.rows.map((r: Json) => [r.row, r.column])).toEqual([
      [4, "学年"],
      [bad.length + 1, "学校コード"],
    ]);
    const classes = await call(KNOWN_USERS.aobaTeacher.upn, "/api/schools/aoba-e/roster/classes");
    expect(classes.body.classes.every((c: Json) => c.students === 5)).toBe(true);
  });

  it("a clerk re-imports with one student removed: deactivated and gone from the list", async () => {
    const { header, rows } = aobaLines();
    const removed = rows.find((r) => r.startsWith(`${KNOWN_USERS.aobaStudent.studentNumber},`)) as string;
    const res = await putCsv(
      KNOWN_USERS.aobaClerk.upn,
      "students",
      [header, ...rows.filter((r) => r !== removed)].join("\n"),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      schoolId: "aoba-e",
      students: { created: 0, updated: 0, unchanged: 59, deactivated: 1, matched: 59, unmatched: 0 },
      guardians: null,
    });
    const list = await call(KNOWN_USERS.aobaTeacher.upn, "/api/schools/aoba-e/roster/students?grade=3&class=1");
    expect(list.body.students.map((s: Json) => s.studentNumber)).not.toContain(KNOWN_USERS.aobaStudent.studentNumber);
    expect(list.body.students).toHaveLength(4);
    expect(await platform.deps.roster?.studentByOid("aoba-e", KNOWN_USERS.aobaStudent.id)).toBeNull();
    const classes = await call(KNOWN_USERS.aobaTeacher.upn, "/api/schools/aoba-e/roster/classes");
    expect(classes.body.classes.find((c: Json) => c.grade === 3 && c.class === 1)).toEqual({
      grade: 3,
      class: 1,
      students: 4,
      guardians: 4,
    });
    const audit = await platform.deps.storage.audit.list("aoba-e");
    expect(audit.items.at(-1)?.event).toMatchObject({
      kind: "roster.imported",
      actor: { oid: KNOWN_USERS.aobaClerk.id },
      data: { source: "api", students: { deactivated: 1 } },
    });
    // Imported again with the student: back on the list.
    const back = await putCsv(KNOWN_USERS.aobaClerk.upn, "students", [header, ...rows].join("\n"));
    expect(back.body.students).toMatchObject({ updated: 1, unchanged: 59, deactivated: 0 });
    const after = await call(KNOWN_USERS.aobaTeacher.upn, "/api/schools/aoba-e/roster/students?grade=3&class=1");
    expect(after.body.students).toHaveLength(5);
  });

  it("refuses a one-class CSV that would take the rest of the school off the roster, unless confirmed", async () => {
    const { header, rows } = aobaLines();
    const oneClass = rows.filter((r) => r.split(",")[2] === "1" && r.split(",")[3] === "1");
    expect(oneClass).toHaveLength(5);
    const refused = await putCsv(KNOWN_USERS.aobaClerk.upn, "students", [header, ...oneClass].join("\n"));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "ROSTER_MASS_DEACTIVATION",
      details: { what: "students", leaving: 55, active: 60 },
    });
    const classes = await call(KNOWN_USERS.aobaTeacher.upn, "/api/schools/aoba-e/roster/classes");
    expect(classes.body.classes).toHaveLength(12); // nothing changed
    // Confirmed on purpose (e.g. a school closing all but one class), it goes through; then restore.
    const confirmed = await call(
      KNOWN_USERS.aobaClerk.upn,
      "/api/schools/aoba-e/roster/students?confirmDeactivation=true",
      {
        method: "PUT",
        headers: { "content-type": "text/csv; charset=utf-8" },
        body: [header, ...oneClass].join("\n"),
      },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.students).toMatchObject({ deactivated: 55 });
    const restored = await putCsv(KNOWN_USERS.aobaClerk.upn, "students", [header, ...rows].join("\n"));
    expect(restored.body.students).toMatchObject({ updated: 55, deactivated: 0 });
  });

  it("refuses more than 5 MB (413) and class without grade (400)", async () => {
    const big = await putCsv(KNOWN_USERS.aobaClerk.upn, "guardians", new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41));
    expect(big.status).toBe(413);
    const noGrade = await call(KNOWN_USERS.aobaTeacher.upn, "/api/schools/aoba-e/roster/students?class=1");
    expect(noGrade.status).toBe(400);
  });
});
