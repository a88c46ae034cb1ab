import { Question, type QuestionInput } from "@komu/shared";
import { surveyCardDefinition } from "@komu/shared/cards/index";
import { describe, expect, it } from "vitest";
import { renderCard } from "../../bot/cards/render.js";
import { cardProblems } from "../../bot/cards/validate.js";
import type { SurveyRow } from "../entities.js";
import { answersFromInputs, surveyCardData } from "./card-view.js";

// biome-ignore lint/suspicious/noExplicitAny: test access into card JSON
type Json = Record<string, any>;

const questions = (
  [
    {
      id: "q1",
      type: "single",
      title: "出欠",
      required: true,
      choices: [
        { id: "yes", label: "出席" },
        { id: "no", label: "欠席" },
      ],
    },
    {
      id: "q2",
      type: "multiple",
      title: "希望",
      choices: [
        { id: "a", label: "午前" },
        { id: "b", label: "午後" },
      ],
    },
    { id: "q3", type: "shortText", title: "連絡", maxLength: 50 },
    { id: "q4", type: "number", title: "人数", required: true, min: 1, max: 5, unit: "人" },
    { id: "q5", type: "date", title: "希望日", min: "2026-12-01" },
    { id: "q6", type: "rating", title: "満足度", scale: 4, lowLabel: "低い", highLabel: "高い" },
  ] satisfies QuestionInput[]
).map((q) => Question.parse(q));

const survey = (over: Partial<SurveyRow> = {}) => ({
  id: "s1234567890",
  schoolId: "aoba-j",
  data: {
    title: "行事の出欠",
    description: "",
    questions,
    anonymous: false,
    deadline: "2026-12-01T08:00:00.000Z",
    audience: { kind: "staff" as const, roles: [] },
    reminders: { daysBefore: [] },
    status: "open" as const,
    source: { kind: "komu" as const },
    ownerOid: "o1",
    ownerName: "桜井 聡",
    openedAt: "2026-11-20T00:00:00.000Z",
    closedAt: null,
    recipientCount: 3,
    scheduledRemindersSent: [],
    ...over,
  },
});
const now = new Date("2026-11-25T00:00:00.000Z");
const render = (data: ReturnType<typeof surveyCardData>) => renderCard(surveyCardDefinition, data) as Json;
const inputs = (card: Json): Json[] =>
  (card.body as Json[])
    .filter((b) => b.type === "Container")
    .flatMap((c) => c.items ?? [])
    .flatMap((c: Json) => c.items ?? [])
    .filter((i: Json) => String(i.type).startsWith("Input."));

describe("survey card", () => {
  it("answer: one valid input per question, required marked, prefilled, submit and save", () => {
    const card = render(
      surveyCardData(
        survey(),
        { submittedAt: null, partial: true },
        {
          now,
          teamsId: "29:abc",
          answers: { q1: "yes", q2: ["a", "b"], q4: 3, q6: 2 },
        },
      ),
    );
    expect(cardProblems(card)).toEqual([]);
    const ins = inputs(card);
    expect(ins.map((i) => [i.id, i.type])).toEqual([
      ["q1", "Input.ChoiceSet"],
      ["q2", "Input.ChoiceSet"],
      ["q3", "Input.Text"],
      ["q4", "Input.Number"],
      ["q5", "Input.Date"],
      ["q6", "Input.ChoiceSet"],
    ]);
    expect(ins[0]).toMatchObject({ isRequired: true, value: "yes", label: "出欠（必須）" });
    expect(ins[1]).toMatchObject({ isMultiSelect: true, value: "a,b" });
    expect(ins[2]).toMatchObject({ maxLength: 50 });
    expect(ins[3]).toMatchObject({ min: 1, max: 5, value: 3 });
    expect(ins[5]?.choices.map((c: Json) => c.value)).toEqual(["1", "2", "3", "4"]);
    expect(card.actions.map((a: Json) => a.verb).filter(Boolean)).toEqual(["survey.submit", "survey.save"]);
    expect(card.refresh.userIds).toEqual(["29:abc"]);
  });

  it("answered: 回答済み with the time and 回答を変更; after the deadline 締切済み", () => {
    const answered = render(
      surveyCardData(survey(), { submittedAt: "2026-11-24T01:00:00.000Z", partial: false }, { now }),
    );
    expect(JSON.stringify(answered)).toContain("回答済み（2026年11月24日 10:00）");
    expect(answered.actions.map((a: Json) => a.verb).filter(Boolean)).toEqual(["survey.edit"]);
    expect(inputs(answered)).toEqual([]);
    const closed = render(
      surveyCardData(survey(), { submittedAt: null, partial: false }, { now: new Date("2026-12-02T00:00:00Z") }),
    );
    expect(JSON.stringify(closed)).toContain("締切済み");
    expect(closed.actions.filter((a: Json) => a.verb)).toEqual([]);
  });

  it("a long survey opens in the tab; problems are listed", () => {
    const long = survey({ questions: [...questions, Question.parse({ id: "q9", type: "longText", title: "意見" })] });
    const card = render(surveyCardData(long, null, { now, openUrl: "https://tab.example/surveys/answer/aoba-j/s1" }));
    expect(card.actions).toEqual([
      { type: "Action.OpenUrl", title: "回答する", url: "https://tab.example/surveys/answer/aoba-j/s1" },
    ]);
    const refused = render(
      surveyCardData(survey(), null, { now, problems: ["「人数」は 1 から 5 の範囲で入力してください。"] }),
    );
    expect(JSON.stringify(refused)).toContain("・「人数」は 1 から 5 の範囲で入力してください。");
  });

  it("a Forms survey (reminders too): answer in Microsoft Forms, a button to the form, no inputs or answer actions", () => {
    const source = {
      kind: "forms" as const,
      driveId: "d",
      itemId: "i",
      fileName: "出欠.xlsx",
      formUrl: "https://forms.office.com/r/abc123",
      columns: [],
      lastRowId: 0,
      lastSyncAt: null,
      unmatched: 0,
    };
    const short = [Question.parse({ id: "q1", type: "yesNo", title: "参加" })];
    const card = render(
      surveyCardData(
        survey({ source, questions: short }),
        { submittedAt: null, partial: false },
        { now, reminder: true, openUrl: "https://tab.example/surveys/answer/aoba-j/s1", editing: true },
      ),
    );
    expect(cardProblems(card)).toEqual([]);
    expect(inputs(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain("Microsoft Forms で回答してください");
    expect(card.actions).toEqual([
      { type: "Action.OpenUrl", title: "Microsoft Forms で回答する", url: "https://forms.office.com/r/abc123" },
    ]);
    const { formUrl: _none, ...unknownUrl } = source;
    const noLink = render(surveyCardData(survey({ source: unknownUrl }), null, { now }));
    expect(inputs(noLink)).toEqual([]);
    expect(noLink.actions ?? []).toEqual([]);
  });

  it("inputs become typed answers", () => {
    expect(
      answersFromInputs(questions, { q1: "no", q2: "a,b", q3: " 遅刻 ", q4: "7", q5: "", q6: "3", x: "1" }),
    ).toEqual({
      q1: "no",
      q2: ["a", "b"],
      q3: " 遅刻 ",
      q4: 7,
      q6: 3,
    });
    const yn = [Question.parse({ id: "q1", type: "yesNo", title: "参加" })];
    expect(answersFromInputs(yn, { q1: "yes" })).toEqual({ q1: true });
  });
});
