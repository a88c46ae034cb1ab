/**
 * The shipped templates (テンプレート): 学校評価アンケート, 行事の出欠, 面談希望. A template fills
 * the builder; the author changes anything and sets the deadline and the audience's classes.
 */
import type { QuestionInput } from "./questions.js";
import type { AudienceInput, SurveyTemplateId } from "./survey.js";

export interface SurveyTemplate {
  id: SurveyTemplateId;
  name: { ja: string; en: string };
  title: string;
  description: string;
  anonymous: boolean;
  audience: AudienceInput;
  reminders: { daysBefore: number[] };
  questions: QuestionInput[];
}

const agree = (id: string, title: string): QuestionInput => ({
  id,
  type: "rating",
  title,
  required: true,
  scale: 4,
  lowLabel: "そう思わない",
  highLabel: "そう思う",
});

export const SURVEY_TEMPLATES: readonly SurveyTemplate[] = [
  {
    id: "schoolEvaluation",
    name: { ja: "学校評価アンケート", en: "School evaluation" },
    title: "学校評価アンケート",
    description:
      "本校の教育活動の改善に役立てるため、ご協力をお願いします。回答は無記名で集計され、個人が特定されることはありません。",
    anonymous: true,
    audience: { kind: "guardians", groups: [] },
    reminders: { daysBefore: [3, 1] },
    questions: [
      agree("q1", "子どもは楽しく学校に通っている"),
      agree("q2", "学校は分かりやすい授業を行っている"),
      agree("q3", "学校は安全・安心な環境づくりに努めている"),
      agree("q4", "学校からの情報提供（学校だより・連絡）は十分である"),
      {
        id: "q5",
        type: "longText",
        title: "学校へのご意見・ご要望",
        required: false,
        maxLength: 1000,
      },
    ],
  },
  {
    id: "eventAttendance",
    name: { ja: "行事の出欠", en: "Event attendance" },
    title: "行事の出欠確認",
    description: "行事への出欠をお知らせください。",
    anonymous: false,
    audience: { kind: "guardians", groups: [] },
    reminders: { daysBefore: [2] },
    questions: [
      {
        id: "q1",
        type: "single",
        title: "出欠",
        required: true,
        choices: [
          { id: "yes", label: "出席する" },
          { id: "no", label: "欠席する" },
        ],
      },
      {
        id: "q2",
        type: "number",
        title: "参加人数（お子さんを除く）",
        required: true,
        min: 1,
        max: 5,
        integer: true,
        unit: "人",
        showIf: { questionId: "q1", anyOf: ["yes"] },
      },
      { id: "q3", type: "shortText", title: "連絡事項", required: false, maxLength: 100 },
    ],
  },
  {
    id: "interviewRequest",
    name: { ja: "面談希望", en: "Interview request" },
    title: "個人面談の希望調査",
    description: "ご都合のよい時間帯をすべてお選びください。日程は後日お知らせします。",
    anonymous: false,
    audience: { kind: "guardians", groups: [] },
    reminders: { daysBefore: [3] },
    questions: [
      {
        id: "q1",
        type: "multiple",
        title: "希望する時間帯",
        required: true,
        choices: [
          { id: "t13", label: "13:00〜14:00" },
          { id: "t14", label: "14:00〜15:00" },
          { id: "t15", label: "15:00〜16:00" },
          { id: "t16", label: "16:00〜17:00" },
        ],
      },
      {
        id: "q2",
        type: "single",
        title: "面談の方法",
        required: true,
        choices: [
          { id: "visit", label: "来校" },
          { id: "online", label: "オンライン" },
          { id: "phone", label: "電話" },
        ],
      },
      { id: "q3", type: "longText", title: "相談したいこと", required: false, maxLength: 1000 },
    ],
  },
];

export function surveyTemplate(id: SurveyTemplateId): SurveyTemplate {
  const found = SURVEY_TEMPLATES.find((t) => t.id === id);
  if (!found) throw new Error(`unknown survey template ${id}`);
  return found;
}
