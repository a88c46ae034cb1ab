/**
 * The columns of a Forms response workbook: Forms writes `ID, 開始時刻, 完了時刻, メール, 名前`
 * (English: `ID, Start time, Completion time, Email, Name`; sometimes `最終変更時刻` / `Last
 * modified time`), then one column per question. Quiz columns (`Points - …`, `Feedback - …`,
 * `合計ポイント`, `クイズのフィードバック`, …) are not questions. ID, Email and Name are required;
 * at a re-sync the question columns must be exactly those registered.
 */
import { KomuError } from "@komu/shared";

const FIXED = {
  id: ["id"],
  start: ["開始時刻", "start time"],
  completion: ["完了時刻", "completion time"],
  email: ["メール", "電子メール", "email", "e-mail"],
  name: ["名前", "name"],
  modified: ["最終変更時刻", "last modified time"],
} as const;
type Fixed = keyof typeof FIXED;

const QUIZ =
  /^(points|feedback|ポイント|フィードバック)\s*[-–:：]|^(total points|quiz feedback|合計ポイント|クイズのフィードバック)$/i;

export interface FormsColumns {
  id: number;
  email: number;
  name: number;
  completion: number | null;
  start: number | null;
  /** Question columns: header text and index, in sheet order. */
  questions: { header: string; index: number }[];
}

const norm = (h: string) => h.normalize("NFKC").trim().toLowerCase();

export function formsColumns(headers: readonly string[]): FormsColumns {
  const found: Partial<Record<Fixed, number>> = {};
  const questions: FormsColumns["questions"] = [];
  headers.forEach((header, index) => {
    const n = norm(header);
    const fixed = (Object.keys(FIXED) as Fixed[]).find((k) => (FIXED[k] as readonly string[]).includes(n));
    if (fixed && found[fixed] === undefined) found[fixed] = index;
    else if (header !== "" && !QUIZ.test(n)) questions.push({ header, index });
  });
  const missing = (["id", "email", "name"] as const).filter((k) => found[k] === undefined);
  if (missing.length > 0 || questions.length === 0)
    throw new KomuError("FORMS_WORKBOOK_COLUMNS", {
      details: {
        expected: ["ID", "メール / Email", "名前 / Name", "(設問 / questions)"],
        found: headers,
        missing: [...missing.map((m) => FIXED[m][0]), ...(questions.length === 0 ? ["(設問 / questions)"] : [])],
      },
    });
  return {
    id: found.id as number,
    email: found.email as number,
    name: found.name as number,
    completion: found.completion ?? null,
    start: found.start ?? null,
    questions,
  };
}

/** The question columns must be the registered ones (same texts, same order). */
export function ensureSameQuestions(columns: FormsColumns, registered: readonly { header: string }[]): void {
  const found = columns.questions.map((q) => q.header);
  const expected = registered.map((c) => c.header);
  const same = found.length === expected.length && found.every((h, i) => norm(h) === norm(expected[i] as string));
  if (!same)
    throw new KomuError("FORMS_WORKBOOK_COLUMNS", {
      details: {
        expected,
        found,
        missing: expected.filter((h) => !found.some((f) => norm(f) === norm(h))),
        unexpected: found.filter((f) => !expected.some((h) => norm(f) === norm(h))),
      },
    });
}
