/**
 * The export's table (CSV and Excel share it): one row per submitted response.
 *   named:     学年, 組, 番号, 氏名 (guardians: 保護者氏名, 児童生徒氏名; staff: 氏名 only), 回答日時 (JST),
 *              then one column per question;
 *   anonymous: 学年・組 only for a class with at least MIN_GROUP answers and not hidden with a smaller
 *              one (shared suppressedGroups: blank rows never single out one small class) (else blank), 回答日 (the JST
 *              day, nothing finer), the answers; no names, no numbers; rows sorted by their content so
 *              their order says nothing about who answered when. Fewer than MIN_GROUP answers: no rows.
 * Answers: choices as their labels joined with 「、」, yes/no as はい/いいえ, numbers as numbers.
 * Cells are plain values here; CSV and Excel neutralise formula-like text when they write them.
 */
import { type AnswerValue, type ExportCell, MIN_GROUP, type Question, suppressedGroups } from "@komu/shared";
import type { SurveyRecipientRow, SurveyResponseRow, SurveyRow } from "../entities.js";

export interface ExportTable {
  headers: string[];
  rows: ExportCell[][];
  /** An anonymous survey with fewer than MIN_GROUP answers: nothing exported. */
  withheld: boolean;
}

const jst = (iso: string) => new Date(iso).toLocaleString("sv-SE", { timeZone: "Asia/Tokyo" });
export const jstDateTime = (iso: string) => jst(iso).slice(0, 16);
export const jstDay = (iso: string) => jst(iso).slice(0, 10);

export function answerCell(q: Question, v: AnswerValue | undefined): ExportCell {
  if (v === undefined || v === null) return "";
  switch (q.type) {
    case "single":
      return q.choices.find((c) => c.id === v)?.label ?? String(v);
    case "multiple":
      return (Array.isArray(v) ? v : [String(v)])
        .map((id) => q.choices.find((c) => c.id === id)?.label ?? id)
        .join("、");
    case "yesNo":
      return v === true ? "はい" : v === false ? "いいえ" : "";
    case "number":
    case "rating":
      return typeof v === "number" ? v : String(v);
    default:
      return Array.isArray(v) ? v.join("、") : String(v);
  }
}

const cmp = (a: ExportCell, b: ExportCell) =>
  typeof a === "number" && typeof b === "number" ? a - b : String(a ?? "").localeCompare(String(b ?? ""), "ja");

function compareRows(a: ExportCell[], b: ExportCell[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = cmp(a[i] ?? "", b[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}

export function exportTable(
  survey: Pick<SurveyRow, "questions" | "anonymous" | "audience">,
  responses: readonly SurveyResponseRow[],
  recipients: readonly SurveyRecipientRow[],
): ExportTable {
  const questions = survey.questions;
  const answers = (r: SurveyResponseRow) => questions.map((q) => answerCell(q, r.answers[q.id]));
  const titles = questions.map((q) => q.title);
  const kind = survey.audience.kind;

  if (survey.anonymous) {
    const headers = [...(kind === "staff" ? [] : ["学年", "組"]), "回答日", ...titles];
    if (responses.length < MIN_GROUP) return { headers, rows: [], withheld: true };
    const perGroup = new Map<string, number>();
    const key = (r: SurveyResponseRow) => `${r.grade ?? 0}-${r.class ?? 0}`;
    for (const r of responses) perGroup.set(key(r), (perGroup.get(key(r)) ?? 0) + 1);
    const hidden = suppressedGroups(perGroup);
    const rows = responses.map((r) => {
      const shown = !hidden.has(key(r));
      const group: ExportCell[] = kind === "staff" ? [] : shown ? [r.grade ?? "", r.class ?? ""] : ["", ""];
      return [...group, r.submittedAt ? jstDay(r.submittedAt) : "", ...answers(r)];
    });
    return { headers, rows: rows.sort(compareRows), withheld: false };
  }

  const byKey = new Map(recipients.map((p) => [p.key, p]));
  const people: { sort: ExportCell[]; row: ExportCell[] }[] = responses.map((r) => {
    const who = r.recipientKey ? byKey.get(r.recipientKey) : undefined;
    const name = who?.name ?? r.respondentName ?? "";
    const at = r.submittedAt ? jstDateTime(r.submittedAt) : "";
    if (kind === "staff") return { sort: [name], row: [name, at, ...answers(r)] };
    const place: ExportCell[] = [r.grade ?? who?.grade ?? "", r.class ?? who?.class ?? "", who?.number ?? ""];
    const names: ExportCell[] = kind === "guardians" ? [name, who?.childName ?? ""] : [name];
    return { sort: [...place, ...names], row: [...place, ...names, at, ...answers(r)] };
  });
  const headers = [
    ...(kind === "staff"
      ? ["氏名"]
      : kind === "guardians"
        ? ["学年", "組", "番号", "保護者氏名", "児童生徒氏名"]
        : ["学年", "組", "番号", "氏名"]),
    "回答日時",
    ...titles,
  ];
  people.sort((a, b) => compareRows(a.sort, b.sort));
  return { headers, rows: people.map((p) => p.row), withheld: false };
}
