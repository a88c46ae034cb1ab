/**
 * Microsoft Forms import on the local platform: a Forms-style response workbook (Japanese
 * headers, staff of aoba-e by their email, one unknown person) in a teacher's OneDrive is
 * registered by its URL → the survey's non-responders are exactly the staff who did not answer;
 * two rows added and re-synced → only those two are recorded; a renamed question column → 422
 * FORMS_WORKBOOK_COLUMNS and nothing recorded; a .docx renamed .xlsx → FORMS_WORKBOOK_UNREADABLE.
 */
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxBytes } from "../../functions/src/records/staging/test-files.js";
import type { SurveysDeps } from "../../functions/src/surveys/deps.js";
import { surveysRepos } from "../../functions/src/surveys/entities.js";
import { recipientsOf, submittedResponses } from "../../functions/src/surveys/results/rows.js";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = any;

const SCHOOL = "aoba-e";
const OWNER = KNOWN_USERS.aobaTeacher;
let platform: RunningPlatform;
let surveys: SurveysDeps;

const HEADERS = ["ID", "開始時刻", "完了時刻", "メール", "名前", "出欠", "ご意見"];
type FormsRow = [number, string, string, string, string, string];
const staff = (u: { upn: string }, name: string, attend: string, note: string, id: number): FormsRow => [
  id,
  u.upn,
  name,
  attend,
  note,
  `2026-11-${10 + id} 10:30`,
];

async function workbook(rows: FormsRow[], headers = HEADERS): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Sheet1");
  sheet.addRow(headers);
  for (const [id, email, name, attend, note, done] of rows) {
    const [d, t] = done.split(" ");
    const completed = new Date(`${d}T${t}:00Z`); // Forms' wall-clock time, as exceljs stores it
    sheet.addRow([id, new Date(completed.getTime() - 120_000), completed, email, name, attend, note]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function upload(fileName: string, bytes: Uint8Array): Promise<{ id: string; webUrl: string; driveId: string }> {
  const item = await platform.deps.graph.app
    .api(`/users/${OWNER.id}/drive/root:/${encodeURIComponent(fileName)}:/content`)
    .header("Content-Type", "application/octet-stream")
    .put(Buffer.from(bytes));
  return { id: item.id, webUrl: item.webUrl, driveId: item.parentReference.driveId };
}

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await signIn(platform, OWNER.upn)}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function tenantRu(): Promise<number> {
  const body = (await (await fetch(`${platform.tenant.origin}/_emulator/stats`)).json()) as {
    totals: { resourceUnits: number };
  };
  return body.totals.resourceUnits;
}

const deadline = () => new Date(Date.now() + 7 * 86400_000).toISOString();
const register = (workbookRef: unknown, title = "行事の出欠（Forms）") =>
  call("POST", `/api/schools/${SCHOOL}/surveys/forms`, {
    title,
    workbook: workbookRef,
    audience: { kind: "staff", roles: [] },
    deadline: deadline(),
    formUrl: "https://forms.office.com/r/abc123",
  });

const FIRST: FormsRow[] = [
  staff(KNOWN_USERS.aobaPrincipal, "松尾 俊介", "参加", "よろしくお願いします", 1),
  staff(KNOWN_USERS.aobaVicePrincipal, "小島 智子", "不参加", "", 2),
  [3, "stranger@example.com", "知らない 人", "参加", "", "2026-11-13 10:30"],
  staff(KNOWN_USERS.aobaNurse, "上田 幸子", "参加", "=1+1", 4),
];
let surveyId = "";
let file: { id: string; webUrl: string; driveId: string };

beforeAll(async () => {
  platform = await startTestPlatform({ jobs: false, throttle: "off", provisionRecords: false });
  surveys = platform.deps.surveys as SurveysDeps;
});
afterAll(async () => {
  await platform?.stop();
});

describe("Microsoft Forms import", () => {
  it("registers a workbook by its URL; the non-responders are exactly the staff who did not answer", async () => {
    file = await upload("行事の出欠.xlsx", await workbook(FIRST));
    const res = await register({ url: `${file.webUrl}?web=1` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    surveyId = res.body.id;
    expect(res.body).toMatchObject({
      status: "open",
      answered: 3,
      source: { kind: "forms", lastRowId: 4, unmatched: 1 },
    });
    expect(res.body.source.columns.map((c: Json) => c.header)).toEqual(["出欠", "ご意見"]);
    expect(res.body.questions[0]).toMatchObject({ type: "single", title: "出欠" });
    expect(res.body.questions[0].choices.map((c: Json) => c.label).sort()).toEqual(["不参加", "参加"].sort());
    expect(res.body.questions[1]).toMatchObject({ type: "longText", title: "ご意見" });

    const recipients = await recipientsOf(surveys, SCHOOL, surveyId);
    expect(recipients.length).toBeGreaterThan(5);
    const answered = new Set([
      KNOWN_USERS.aobaPrincipal.id,
      KNOWN_USERS.aobaVicePrincipal.id,
      KNOWN_USERS.aobaNurse.id,
    ]);
    expect(
      recipients
        .filter((r) => r.submittedAt !== null)
        .map((r) => r.oid)
        .sort(),
    ).toEqual([...answered].sort());
    const nonResponders = recipients.filter((r) => r.submittedAt === null).map((r) => r.oid);
    expect(nonResponders).toHaveLength(recipients.length - 3);
    expect(nonResponders).toContain(OWNER.id);
    for (const oid of answered) expect(nonResponders).not.toContain(oid);

    // B's tracking, when it is there, lists the same people.
    const tracking = await call("GET", `/api/schools/${SCHOOL}/surveys/${surveyId}/tracking`);
    if (tracking.status === 200)
      expect(tracking.body.nonResponders.map((p: Json) => p.key).sort()).toEqual(
        recipients
          .filter((r) => r.submittedAt === null)
          .map((r) => r.key)
          .sort(),
      );

    const responses = await submittedResponses(surveys, SCHOOL, surveyId);
    const principal = responses.find((r) => r.recipientKey === `u-${KNOWN_USERS.aobaPrincipal.id}`);
    expect(principal).toMatchObject({ via: "forms", formsRowId: 1, submittedAt: "2026-11-11T01:30:00.000Z" });
    expect(principal?.answers.q2).toBe("よろしくお願いします");
    const row = await surveysRepos(surveys.storage).surveys.require(SCHOOL, surveyId);
    expect(row.data.formsUnmatched).toEqual([{ row: 4, name: "知らない 人", email: "stranger@example.com" }]);
  });

  it("re-sync picks up the two new rows only", async () => {
    await upload(
      "行事の出欠.xlsx",
      await workbook([
        ...FIRST,
        staff(KNOWN_USERS.aobaClerk, "小川 久美子", "不参加", "出張のため", 5),
        staff(KNOWN_USERS.aobaHeadTeacher, "桜井 聡", "参加", "", 6),
      ]),
    );
    const ru0 = await tenantRu();
    platform.deps.graph.calls.reset();
    const res = await call("POST", `/api/schools/${SCHOOL}/surveys/${surveyId}/forms-sync`);
    const calls = platform.deps.graph.calls.snapshot();
    const ru = (await tenantRu()) - ru0;
    console.info(`[forms-sync] Graph calls ${JSON.stringify(calls)}; SharePoint RU ${ru}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ added: 2, skipped: 0, lastRowId: 6 });
    // One download (1 RU); the staff's addresses come from the directory ($batch), not SharePoint.
    expect(ru).toBeLessThanOrEqual(2);
    expect(res.body.unmatched).toEqual([{ row: 4, name: "知らない 人", email: "stranger@example.com" }]);
    expect(res.body.survey.answered).toBe(5);
    const responses = await submittedResponses(surveys, SCHOOL, surveyId);
    expect(responses.map((r) => r.formsRowId).sort()).toEqual([1, 2, 4, 5, 6]);

    const again = await call("POST", `/api/schools/${SCHOOL}/surveys/${surveyId}/forms-sync`);
    expect(again.body).toMatchObject({ added: 0, lastRowId: 6 });
    const audit = await platform.deps.storage.audit.list(SCHOOL, { limit: 1000 });
    const synced = audit.items.filter(
      (e: Json) => e.event.kind === "survey.formsSynced" && e.event.target.id === surveyId,
    );
    expect(synced.map((e: Json) => e.event.data.added)).toEqual([3, 2, 0]);
  });

  it("a renamed question column: 422 FORMS_WORKBOOK_COLUMNS (expected vs found), nothing recorded", async () => {
    const renamed = ["ID", "開始時刻", "完了時刻", "メール", "名前", "出欠", "ご意見・ご要望"];
    await upload(
      "行事の出欠.xlsx",
      await workbook([...FIRST, staff(KNOWN_USERS.aobaGrade3Teacher, "上田 典子", "参加", "", 7)], renamed),
    );
    const before = await surveysRepos(surveys.storage).surveys.require(SCHOOL, surveyId);
    const res = await call("POST", `/api/schools/${SCHOOL}/surveys/${surveyId}/forms-sync`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("FORMS_WORKBOOK_COLUMNS");
    expect(res.body.error.details).toMatchObject({ expected: ["出欠", "ご意見"], found: ["出欠", "ご意見・ご要望"] });
    const after = await surveysRepos(surveys.storage).surveys.require(SCHOOL, surveyId);
    expect(after.etag).toBe(before.etag);
    expect((await submittedResponses(surveys, SCHOOL, surveyId)).map((r) => r.formsRowId)).not.toContain(7);

    // Registration refuses a workbook without the メール column, and creates nothing.
    const noEmail = await upload(
      "no-email.xlsx",
      await workbook([], ["ID", "開始時刻", "完了時刻", "氏名", "名前", "出欠"]),
    );
    const listed = async () => (await surveysRepos(surveys.storage).surveys.list(SCHOOL, { limit: 1000 })).items.length;
    const count = await listed();
    const refused = await register({ driveId: noEmail.driveId, itemId: noEmail.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "FORMS_WORKBOOK_COLUMNS", details: { missing: ["メール"] } });
    expect(await listed()).toBe(count);
  });

  it("a .docx renamed .xlsx: 422 FORMS_WORKBOOK_UNREADABLE; an unknown URL too", async () => {
    const docx = await upload("回答.xlsx", await docxBytes());
    const res = await register({ driveId: docx.driveId, itemId: docx.id });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("FORMS_WORKBOOK_UNREADABLE");
    const missing = await register({ url: "https://localhost/personal/nobody/Documents/none.xlsx" });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({ code: "FORMS_WORKBOOK_UNREADABLE", details: { reason: "notFound" } });
  });
});
