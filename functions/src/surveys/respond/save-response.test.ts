import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../deps.js";
import type { GraphGateway } from "../../graph/gateway.js";
import type { Storage } from "../../storage/index.js";
import { codeOf, createTestStorage } from "../../storage/testing.js";
import type { SurveysDeps } from "../deps.js";
import { type SurveyRow, surveysRepos } from "../entities.js";
import { writeRecipients } from "../open/write-recipients.js";
import { saveResponse } from "./save-response.js";

const SCHOOL = "aoba-e";
const now = new Date("2026-11-25T00:00:00.000Z");
let storage: Storage;
let deps: SurveysDeps;

const row = (source: SurveyRow["source"]): SurveyRow => ({
  title: "出欠",
  description: "",
  questions: [{ id: "q1", type: "yesNo", title: "参加", required: true }],
  anonymous: false,
  deadline: "2026-12-01T08:00:00.000Z",
  audience: { kind: "staff", roles: [] },
  reminders: { daysBefore: [] },
  status: "open",
  source,
  ownerOid: "o1",
  ownerName: "伊藤 綾",
  openedAt: now.toISOString(),
  closedAt: null,
  recipientCount: 1,
  scheduledRemindersSent: [],
});

beforeAll(async () => {
  storage = await createTestStorage();
  deps = {
    storage,
    graph: {} as GraphGateway,
    clock: () => now,
    logger: silentLogger,
    linkKey: "k",
    publicUrl: undefined,
    members: { of: async () => [] },
  };
});
afterAll(async () => {
  await storage?.dispose();
});

describe("saveResponse", () => {
  it("a Forms survey takes answers only from its import: a card, the tab or a link is refused, nothing written", async () => {
    const surveyId = "sforms0001";
    const source = {
      kind: "forms" as const,
      driveId: "d",
      itemId: "i",
      fileName: "出欠.xlsx",
      columns: [{ header: "参加", questionId: "q1" }],
      lastRowId: 0,
      lastSyncAt: null,
      unmatched: 0,
    };
    await writeRecipients(deps, SCHOOL, surveyId, [{ key: "u-p1", kind: "staff", oid: "p1", name: "桜井 聡" }]);
    await surveysRepos(storage).surveys.create(SCHOOL, surveyId, row(source));
    for (const via of ["card", "tab", "link"] as const) {
      const attempt = saveResponse(deps, {
        schoolId: SCHOOL,
        surveyId,
        recipientKey: "u-p1",
        answers: { q1: true },
        submit: true,
        via,
      });
      expect(await codeOf(attempt)).toBe("SURVEY_NOT_OPEN");
      await expect(attempt).rejects.toMatchObject({ details: { reason: "forms" } });
    }
    const recipient = await surveysRepos(storage).recipients.require(SCHOOL, `${surveyId}.u-p1`);
    expect(recipient.data.submittedAt).toBeNull();
    const imported = await saveResponse(deps, {
      schoolId: SCHOOL,
      surveyId,
      recipientKey: "u-p1",
      answers: { q1: true },
      submit: true,
      via: "forms",
      formsRowId: 1,
    });
    expect(imported.status).toBe("submitted");
  });

  it("a Kōmu survey still takes a card's answer", async () => {
    const surveyId = "skomu00001";
    await writeRecipients(deps, SCHOOL, surveyId, [{ key: "u-p1", kind: "staff", oid: "p1", name: "桜井 聡" }]);
    await surveysRepos(storage).surveys.create(SCHOOL, surveyId, row({ kind: "komu" }));
    const saved = await saveResponse(deps, {
      schoolId: SCHOOL,
      surveyId,
      recipientKey: "u-p1",
      answers: { q1: false },
      submit: true,
      via: "card",
    });
    expect(saved.status).toBe("submitted");
  });
});
