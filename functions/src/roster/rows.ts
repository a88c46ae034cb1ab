/**
 * The 校務支援 export's rows, checked with zod before anything is written: every problem of the
 * file is collected (row, column, what is wrong in ja/en) and the whole import is refused with
 * one ROSTER_CSV_INVALID listing them. Numbers and ids are NFKC-normalised first (全角 digits
 * are common in exports); every cell is trimmed. 性別 and 生年月日 are not kept (not needed).
 */
import { KomuError, type LocalizedText } from "@komu/shared";
import { z } from "zod";
import { readCsv } from "./csv.js";

export interface StudentInput {
  studentNumber: string;
  schoolId: string;
  grade: number;
  class: number;
  number: number;
  surname: string;
  givenName: string;
  surnameKana: string;
  givenNameKana: string;
}

export interface GuardianInput {
  guardianNumber: string;
  studentNumber: string;
  relationship: string;
  surname: string;
  givenName: string;
  surnameKana: string;
  givenNameKana: string;
  email: string;
}

export interface RowProblem {
  /** Row number as a spreadsheet shows it (header = 1). */
  row: number;
  /** The column (header name), or null for the whole row. */
  column: string | null;
  problem: LocalizedText;
}

/** At most this many problems are listed (the total is always given). */
export const MAX_LISTED_PROBLEMS = 100;

const ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
const nfkc = (s: string) => s.normalize("NFKC").trim();
const idText: LocalizedText = {
  ja: "半角英数字とハイフン（40 文字まで）で入力してください",
  en: "use letters, digits and hyphens (up to 40)",
};
const nameText: LocalizedText = {
  ja: "空欄にはできません（50 文字まで）",
  en: "must not be blank (up to 50 characters)",
};
const kanaText: LocalizedText = { ja: "50 文字までにしてください", en: "up to 50 characters" };
const int = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v), z.number().int().min(min).max(max));

interface Column {
  schema: z.ZodType;
  normalise: (s: string) => string;
  problem: LocalizedText;
}
const col = (schema: z.ZodType, problem: LocalizedText, normalise: (s: string) => string = (s) => s.trim()) => ({
  schema,
  problem,
  normalise,
});

const STUDENT_COLUMNS = {
  学籍番号: col(z.string().regex(ID), idText, nfkc),
  学校コード: col(z.string().min(1), { ja: "空欄にはできません", en: "must not be blank" }, nfkc),
  学年: col(int(1, 6), { ja: "1〜6 の数字にしてください", en: "must be a number from 1 to 6" }, nfkc),
  組: col(int(1, 20), { ja: "1〜20 の数字にしてください", en: "must be a number from 1 to 20" }, nfkc),
  出席番号: col(int(1, 99), { ja: "1〜99 の数字にしてください", en: "must be a number from 1 to 99" }, nfkc),
  姓: col(z.string().min(1).max(50), nameText),
  名: col(z.string().min(1).max(50), nameText),
  姓カナ: col(z.string().max(50), kanaText),
  名カナ: col(z.string().max(50), kanaText),
} satisfies Record<string, Column>;

const GUARDIAN_COLUMNS = {
  保護者番号: col(z.string().regex(ID), idText, nfkc),
  学籍番号: col(z.string().regex(ID), idText, nfkc),
  続柄: col(z.string().max(20), { ja: "20 文字までにしてください", en: "up to 20 characters" }),
  姓: col(z.string().min(1).max(50), nameText),
  名: col(z.string().min(1).max(50), nameText),
  姓カナ: col(z.string().max(50), kanaText),
  名カナ: col(z.string().max(50), kanaText),
  連絡先メール: col(z.union([z.literal(""), z.email().max(254)]), {
    ja: "メールアドレスの形式が正しくありません（空欄は可）",
    en: "not a valid e-mail address (blank is allowed)",
  }),
} satisfies Record<string, Column>;

export type RosterFile = "students" | "guardians";

class Problems {
  readonly list: RowProblem[] = [];
  add(row: number, column: string | null, problem: LocalizedText) {
    this.list.push({ row, column, problem });
  }
  throwIfAny(file: RosterFile, encoding: string): void {
    if (this.list.length === 0) return;
    const sorted = [...this.list].sort((a, b) => a.row - b.row);
    throw new KomuError("ROSTER_CSV_INVALID", {
      details: { file, encoding, total: sorted.length, rows: sorted.slice(0, MAX_LISTED_PROBLEMS) },
    });
  }
}

/** Header check + per-cell validation; returns each row's normalised values by column. */
function readTable<C extends Record<string, Column>>(
  bytes: Uint8Array,
  columns: C,
  problems: Problems,
): { encoding: string; rows: { row: number; values: Record<keyof C & string, unknown> }[] } {
  const table = readCsv(bytes);
  if (table.unterminatedAt !== null)
    problems.add(table.unterminatedAt, null, {
      ja: '引用符（"）が閉じられていません',
      en: 'a quoted field (") is never closed',
    });
  if (table.header.length === 0) {
    problems.add(1, null, { ja: "ファイルが空です", en: "the file is empty" });
    return { encoding: table.encoding, rows: [] };
  }
  const names = Object.keys(columns) as (keyof C & string)[];
  const index = new Map(table.header.map((h, i) => [h.replace(/^\uFEFF/, ""), i]));
  const missing = names.filter((n) => !index.has(n));
  for (const name of missing)
    problems.add(1, name, { ja: "この列が見出し行にありません", en: "this column is missing from the header row" });
  if (table.rows.length === 0 && table.unterminatedAt === null)
    problems.add(2, null, { ja: "データの行がありません", en: "the file has no data rows" });
  if (missing.length > 0) return { encoding: table.encoding, rows: [] };

  const rows: { row: number; values: Record<keyof C & string, unknown> }[] = [];
  for (const r of table.rows) {
    const row = r.row;
    if (r.cells.some((c) => c.includes("\uFFFD")))
      problems.add(row, null, {
        ja: "読めない文字があります（文字コードは UTF-8 か Shift_JIS にしてください）",
        en: "unreadable characters (save the file as UTF-8 or Shift_JIS)",
      });
    if (r.cells.length !== table.header.length) {
      problems.add(row, null, {
        ja: `項目の数が ${r.cells.length} 個です（見出しは ${table.header.length} 個）`,
        en: `${r.cells.length} fields where the header has ${table.header.length}`,
      });
      continue;
    }
    const values = {} as Record<keyof C & string, unknown>;
    let ok = true;
    for (const name of names) {
      const c = columns[name] as Column;
      const parsed = c.schema.safeParse(c.normalise(r.cells[index.get(name) as number] ?? ""));
      if (parsed.success) values[name] = parsed.data;
      else {
        ok = false;
        problems.add(row, name, c.problem);
      }
    }
    if (ok) rows.push({ row, values });
  }
  return { encoding: table.encoding, rows };
}

/**
 * The students of an export. `acceptSchool(学校コード)` says which schools may appear (one
 * school's import: only itself; the town's seed: every school). Duplicate 学籍番号 and two
 * students with the same 学年・組・出席番号 are problems.
 */
export function parseStudents(bytes: Uint8Array, acceptSchool: (code: string) => boolean): StudentInput[] {
  const problems = new Problems();
  const { encoding, rows } = readTable(bytes, STUDENT_COLUMNS, problems);
  const byNumber = new Map<string, number>();
  const bySeat = new Map<string, number>();
  const out: StudentInput[] = [];
  for (const { row, values: v } of rows) {
    const s: StudentInput = {
      studentNumber: v.学籍番号 as string,
      schoolId: v.学校コード as string,
      grade: v.学年 as number,
      class: v.組 as number,
      number: v.出席番号 as number,
      surname: v.姓 as string,
      givenName: v.名 as string,
      surnameKana: v.姓カナ as string,
      givenNameKana: v.名カナ as string,
    };
    if (!acceptSchool(s.schoolId)) {
      problems.add(row, "学校コード", {
        ja: `別の学校（${s.schoolId}）の児童生徒です。この学校の分だけを出力してください`,
        en: `a student of another school (${s.schoolId}); export this school's students only`,
      });
      continue;
    }
    const first = byNumber.get(s.studentNumber);
    if (first !== undefined) {
      problems.add(row, "学籍番号", {
        ja: `学籍番号 ${s.studentNumber} が ${first} 行目と重複しています`,
        en: `学籍番号 ${s.studentNumber} repeats row ${first}`,
      });
      continue;
    }
    byNumber.set(s.studentNumber, row);
    const seat = `${s.schoolId}/${s.grade}/${s.class}/${s.number}`;
    const sameSeat = bySeat.get(seat);
    if (sameSeat !== undefined)
      problems.add(row, "出席番号", {
        ja: `${s.grade}年${s.class}組の出席番号 ${s.number} が ${sameSeat} 行目と重複しています`,
        en: `grade ${s.grade} class ${s.class} number ${s.number} repeats row ${sameSeat}`,
      });
    bySeat.set(seat, row);
    out.push(s);
  }
  problems.throwIfAny("students", encoding);
  return out;
}

/**
 * The guardians of an export. `childSchool(学籍番号)` is the school of an active student (this
 * import's students or the stored roster), undefined when unknown: an unknown child is a problem.
 * A guardian appears once per child (siblings: same 保護者番号, two rows).
 */
export function parseGuardians(
  bytes: Uint8Array,
  childSchool: (studentNumber: string) => string | undefined,
): (GuardianInput & { schoolId: string })[] {
  const problems = new Problems();
  const { encoding, rows } = readTable(bytes, GUARDIAN_COLUMNS, problems);
  const seen = new Map<string, number>();
  const out: (GuardianInput & { schoolId: string })[] = [];
  for (const { row, values: v } of rows) {
    const g: GuardianInput = {
      guardianNumber: v.保護者番号 as string,
      studentNumber: v.学籍番号 as string,
      relationship: v.続柄 as string,
      surname: v.姓 as string,
      givenName: v.名 as string,
      surnameKana: v.姓カナ as string,
      givenNameKana: v.名カナ as string,
      email: v.連絡先メール as string,
    };
    const schoolId = childSchool(g.studentNumber);
    if (!schoolId) {
      problems.add(row, "学籍番号", {
        ja: `学籍番号 ${g.studentNumber} の児童生徒が名簿にいません（先に児童生徒の名簿を取り込んでください）`,
        en: `no student with 学籍番号 ${g.studentNumber} on the roster (import the students first)`,
      });
      continue;
    }
    const key = `${g.guardianNumber}/${g.studentNumber}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.add(row, "保護者番号", {
        ja: `保護者番号 ${g.guardianNumber}（学籍番号 ${g.studentNumber}）が ${first} 行目と重複しています`,
        en: `保護者番号 ${g.guardianNumber} for 学籍番号 ${g.studentNumber} repeats row ${first}`,
      });
      continue;
    }
    seen.set(key, row);
    out.push({ ...g, schoolId });
  }
  problems.throwIfAny("guardians", encoding);
  return out;
}
