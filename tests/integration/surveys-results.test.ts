/**
 * Survey results on the local platform: 12 guardians of three classes answer (through the one
 * save path), results per question with a class of fewer than five suppressed, an anonymous
 * survey with fewer than five answers withheld, the CSV parsed back (BOM, formula neutralised,
 * Japanese intact), the .xlsx read back with exceljs, and the archive filed as a record found in
 * the records index (class raised to II), once however often it is asked.
 */
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import type { Audience, Question } from "@komu/shared";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveAudience } from "../../functions/src/surveys/audience/resolve-audience.js";
import type { SurveysDeps } from "../../functions/src/surveys/deps.js";
import { type SurveyRow, surveysRepos } from "../../functions/src/surveys/entities.js";
import { writeRecipients } from "../../functions/src/surveys/open/write-recipients.js";
import { saveResponse } from "../../functions/src/surveys/respond/save-response.js";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = any;

const SCHOOL = "aoba-e";
const TEACHER = KNOWN_USERS.aobaTeacher;
let platform: RunningPlatform;
let surveys: SurveysDeps;

const QUESTIONS: Question[] = [
  {
    id: "q1",
    type: "single",
    title: "学校生活に満足していますか",
    required: true,
    choices: [
      { id: "a", label: "満足" },
      { id: "b", label: "ふつう" },
      { id: "c", label: "不満" },
    ],
  },
  { id: "q2", type: "yesNo", title: "行事に参加しましたか", required: false },
  { id: "q3", type: "shortText", title: "ご意見", required: false, maxLength: 200 },
  {
    id: "q4",
    type: "multiple",
    title: "よかった行事",
    required: false,
    choices: [
      { id: "s", label: "運動会" },
      { id: "t", label: "学習発表会" },
    ],
  },
];

beforeAll(async () => {
  platform = await startTestPlatform({
    jobs: false,
    throttle: "off",
    env: { SECRET_KOMU_LINK_KEY: "results-test-link-key-0123456789abcdef" },
  });
  surveys = platform.deps.surveys as SurveysDeps;
  await platform.recordsReady;
});
afterAll(async () => {
  await platform?.stop();
});

async function openSurvey(id: string, audience: Audience, anonymous: boolean) {
  const resolved = await resolveAudience(surveys, SCHOOL, audience);
  const row: SurveyRow = {
    title: anonymous ? "無記名アンケート" : "保護者アンケート",
    description: "",
    questions: QUESTIONS,
    anonymous,
    deadline: new Date(Date.now() + 7 * 86400_000).toISOString(),
    audience,
    reminders: { daysBefore: [] },
    status: "open",
    source: { kind: "komu" },
    ownerOid: TEACHER.id,
    ownerName: "伊藤 彩",
    openedAt: new Date().toISOString(),
    closedAt: null,
    recipientCount: resolved.recipients.length,
    scheduledRemindersSent: [],
  };
  await surveysRepos(surveys.storage).surveys.create(SCHOOL, id, row);
  await writeRecipients(surveys, SCHOOL, id, resolved.recipients);
  return resolved.recipients;
}

/** Closes (or, for this test's second round, reopens) a survey directly: answers are taken only while open. */
async function setStatus(id: string, status: "open" | "closed") {
  const repo = surveysRepos(surveys.storage).surveys;
  const row = await repo.require(SCHOOL, id);
  await repo.update(
    SCHOOL,
    id,
    { ...row.data, status, closedAt: status === "closed" ? new Date().toISOString() : null },
    row.etag,
  );
}

async function call(upn: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await signIn(platform, upn)}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res;
}
const json = async (res: Response): Promise<Json> => res.json();

const NAMED = "resultsnamed01";
const ANON = "resultsanon01";
let answeredNames: string[] = [];

describe("survey results", () => {
  it("12 guardians answer; results per question, a class with < 5 answers suppressed, partials not counted", async () => {
    const recipients = await openSurvey(
      NAMED,
      {
        kind: "guardians",
        groups: [
          { grade: 1, class: 1 },
          { grade: 1, class: 2 },
          { grade: 2, class: 1 },
        ],
      },
      false,
    );
    const byClass = (c: number) =>
      recipients.filter((r) => (c === 3 ? r.grade === 2 && r.class === 1 : r.grade === 1 && r.class === c));
    expect(byClass(1).length).toBeGreaterThanOrEqual(5);
    expect(byClass(2).length).toBeGreaterThanOrEqual(5);
    const answering = [...byClass(1).slice(0, 5), ...byClass(2).slice(0, 5), ...byClass(3).slice(0, 2)];
    expect(answering).toHaveLength(12);
    answeredNames = answering.map((r) => r.name);
    for (const [i, r] of answering.entries())
      await saveResponse(surveys, {
        schoolId: SCHOOL,
        surveyId: NAMED,
        recipientKey: r.key,
        answers: {
          q1: i < 7 ? "a" : i < 10 ? "b" : "c",
          q2: i % 2 === 0,
          q3:
            i === 0
              ? '=HYPERLINK("http://evil.example","クリック")'
              : i === 1
                ? "給食がおいしい、ありがとうございます"
                : "",
          q4: i < 4 ? ["s", "t"] : ["s"],
        },
        submit: true,
        via: "link",
      });
    // A partial answer is not a result.
    const partial = byClass(3)[2] as { key: string };
    await saveResponse(surveys, {
      schoolId: SCHOOL,
      surveyId: NAMED,
      recipientKey: partial.key,
      answers: { q1: "c" },
      submit: false,
      via: "link",
    });

    const res = await call(TEACHER.upn, "GET", `/api/schools/${SCHOOL}/surveys/${NAMED}/results`);
    expect(res.status).toBe(200);
    const view = await json(res);
    expect(view).toMatchObject({ surveyId: NAMED, responses: 12, withheld: false, minGroup: 5 });
    expect(view.recipients).toBe(recipients.length);
    const q1 = view.questions.find((q: Json) => q.questionId === "q1");
    expect(q1.options.map((o: Json) => [o.label, o.count])).toEqual([
      ["満足", 7],
      ["ふつう", 3],
      ["不満", 2],
    ]);
    // 2年1組 (2) is hidden, and so is one more class: else the total minus the classes shown
    // would give 2年1組's two answers.
    expect(q1.byClass.map((g: Json) => [g.label, g.n, g.suppressed])).toEqual([
      ["1年1組", 5, true],
      ["1年2組", 5, false],
      ["2年1組", 2, true],
    ]);
    expect(q1.byClass[0].options).toBeUndefined();
    expect(q1.byClass[2].options).toBeUndefined();
    const q2 = view.questions.find((q: Json) => q.questionId === "q2");
    expect(q2.options.map((o: Json) => o.count)).toEqual([6, 6]);
    const q3 = view.questions.find((q: Json) => q.questionId === "q3");
    expect(q3.texts).toHaveLength(2);
    expect(q3.texts.map((t: Json) => t.name)).toContain(answeredNames[1]);

    // Another teacher (not the owner, no survey.oversee) is refused; the principal oversees.
    expect(
      (await call(KNOWN_USERS.aobaNurse.upn, "GET", `/api/schools/${SCHOOL}/surveys/${NAMED}/results`)).status,
    ).toBe(403);
    expect(
      (await call(KNOWN_USERS.aobaPrincipal.upn, "GET", `/api/schools/${SCHOOL}/surveys/${NAMED}/results`)).status,
    ).toBe(200);
  });

  it("an anonymous survey with fewer than five answers shows nothing, and never names", async () => {
    const recipients = await openSurvey(ANON, { kind: "guardians", groups: [{ grade: 3 }] }, true);
    for (const r of recipients.slice(0, 3))
      await saveResponse(surveys, {
        schoolId: SCHOOL,
        surveyId: ANON,
        recipientKey: r.key,
        answers: { q1: "a", q3: "匿名の意見" },
        submit: true,
        via: "link",
      });
    // While it takes answers, an anonymous survey shows no results at all (before/after comparisons
    // with the tracking list would reveal one person's answers) and cannot be exported.
    const open = await json(await call(TEACHER.upn, "GET", `/api/schools/${SCHOOL}/surveys/${ANON}/results`));
    expect(open).toMatchObject({ responses: 3, withheld: true, withheldReason: "untilClosed", questions: [] });
    const early = await call(TEACHER.upn, "GET", `/api/schools/${SCHOOL}/surveys/${ANON}/export?format=csv`);
    expect(early.status).toBe(409);
    expect((await json(early)).error.code).toBe("SURVEY_RESULTS_AFTER_CLOSE");

    await setStatus(ANON, "closed");
    const withheld = await json(await call(TEACHER.upn, "GET", `/api/schools/${SCHOOL}/surveys/${ANON}/results`));
    expect(withheld).toMatchObject({ responses: 3, withheld: true, withheldReason: "tooFew", questions: [] });
    const csv = await (
      await call(TEACHER.upn, "GET", `/api/schools/${SCHOOL}/surveys/${ANON}/export?format=csv`)
    ).text();
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1); // the header only

    await setStatus(ANON, "open");
    for (const r of recipients.slice(3, 6))
      await saveResponse(surveys, {
        schoolId: SCHOOL,
        surveyId: ANON,
        recipientKey: r.key,
        answers: { q1: "b", q3: "もう一つの意見" },
        submit: true,
        via: "link",
      });
    await setStatus(ANON, "closed");
    const shown = await json(await call(TEACHER.upn, "GET", `/api/schools/${SCHOOL}/surveys/${ANON}/results`));
    expect(shown.withheld).toBe(false);
    expect(shown.responses).toBe(6);
    const texts = shown.questions.find((q: Json) => q.questionId === "q3").texts;
    expect(texts.every((t: Json) => t.name === undefined)).toBe(true);
    const anonCsv = await (
      await call(TEACHER.upn, "GET", `/api/schools/${SCHOOL}/surveys/${ANON}/export?format=csv`)
    ).text();
    for (const r of recipients) expect(anonCsv).not.toContain(r.name);
    const lines = anonCsv
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(lines[0]).toBe("学年,組,回答日,学校生活に満足していますか,行事に参加しましたか,ご意見,よかった行事");
    expect(lines).toHaveLength(7);
    // Days only (no times); within a class, rows in content order (not in the order of answering).
    expect(lines.slice(1).every((l) => /^(3,1|,),\d{4}-\d{2}-\d{2},/.test(l))).toBe(true);
    // One answer from another class: its blank 学年・組 would single it out next to 3年1組's five,
    // so 3年1組 is left blank too.
    expect(lines.filter((l) => l.startsWith(",,"))).toHaveLength(6);
    const rest = (l: string) => l.split(",").slice(3).join(",");
    const same = lines.slice(1);
    for (let i = 1; i < same.length; i++)
      expect(rest(same[i - 1] as string).localeCompare(rest(same[i] as string), "ja")).toBeLessThanOrEqual(0);
  });

  it("CSV: BOM, CRLF, Japanese intact, =HYPERLINK neutralised, audited", async () => {
    const res = await call(TEACHER.upn, "GET", `/api/schools/${SCHOOL}/surveys/${NAMED}/export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("保護者アンケート_結果.csv")}`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(
      "学年,組,番号,保護者氏名,児童生徒氏名,回答日時,学校生活に満足していますか,行事に参加しましたか,ご意見,よかった行事",
    );
    expect(lines).toHaveLength(13); // 12 submitted, the partial answer left out
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""クリック"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(text).toContain("給食がおいしい、ありがとうございます");
    expect(text).toContain("運動会、学習発表会");
    expect(text).toContain("はい");
    for (const name of answeredNames) expect(text).toContain(name);
    // JST times, to the minute
    expect(lines[1]).toMatch(/^1,1,\d+,[^,]+,[^,]+,\d{4}-\d{2}-\d{2} \d{2}:\d{2},/);

    const audit = await platform.deps.storage.audit.list(SCHOOL, { limit: 1000 });
    const exported = audit.items.filter((e: Json) => e.event.kind === "survey.exported" && e.event.target.id === NAMED);
    expect(exported.at(-1)?.event.data).toMatchObject({ format: "csv", responses: 12 });
  });

  it("Excel: two sheets read back with exceljs, text cells neutralised, header frozen", async () => {
    const res = await call(TEACHER.upn, "GET", `/api/schools/${SCHOOL}/surveys/${NAMED}/export?format=xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["回答", "集計"]);
    const sheet = wb.getWorksheet("回答") as ExcelJS.Worksheet;
    expect(String(sheet.getRow(1).getCell(1).value)).toBe("保護者アンケート 回答一覧");
    expect(sheet.getRow(2).getCell(4).value).toBe("保護者氏名");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(sheet.rowCount).toBe(14);
    const cells: unknown[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(cell.value);
      });
    });
    expect(cells.some((v) => typeof v === "object" && v !== null && "formula" in v)).toBe(false);
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","クリック")`);
    const summary = wb.getWorksheet("集計") as ExcelJS.Worksheet;
    const summaryText: string[] = [];
    summary.eachRow((row) => {
      row.eachCell((cell) => {
        summaryText.push(String(cell.value));
      });
    });
    expect(summaryText).toContain("学校生活に満足していますか");
    expect(summaryText.some((t) => t.includes("2年1組") && t.includes("内訳なし"))).toBe(true);
  });

  it("archive: refused while open; once closed, filed as a record (class II) found in the index, once", async () => {
    const path = `/api/schools/${SCHOOL}/surveys/${NAMED}/archive`;
    expect((await call(TEACHER.upn, "POST", path, { categoryCode: "D-05" })).status).toBe(409);
    const repo = surveysRepos(surveys.storage).surveys;
    const row = await repo.require(SCHOOL, NAMED);
    await repo.update(SCHOOL, NAMED, { ...row.data, status: "closed", closedAt: new Date().toISOString() }, row.etag);

    const res = await call(TEACHER.upn, "POST", path, { categoryCode: "D-05" });
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.recordIds).toHaveLength(1);
    expect(body.status).toBe("filed");
    const again = await json(await call(TEACHER.upn, "POST", path, { categoryCode: "D-05" }));
    expect(again.recordIds).toEqual(body.recordIds);

    const list = await json(
      await call(KNOWN_USERS.aobaPrincipal.upn, "GET", `/api/schools/${SCHOOL}/records?categoryCode=D-05`),
    );
    const found = list.items.filter((r: Json) => r.title === "保護者アンケート 結果");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: body.recordIds[0],
      classification: "II",
      categoryCode: "D-05",
      status: "filed",
    });
    expect(found[0].fileName).toBe("保護者アンケート_結果.xlsx");
    const audit = await platform.deps.storage.audit.list(SCHOOL, { limit: 1000 });
    const archived = audit.items.filter(
      (e: Json) =>
        e.event.kind === "survey.exported" && e.event.data.format === "archive" && e.event.target.id === NAMED,
    );
    expect(archived).toHaveLength(1);
    expect(archived[0]?.event.data).toMatchObject({ recordId: body.recordIds[0], responses: 12 });
  });
});
