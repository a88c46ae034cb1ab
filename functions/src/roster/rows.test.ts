import { KomuError } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { decodeCsv, splitCsv } from "./csv.js";
import { parseGuardians, parseStudents } from "./rows.js";

const STUDENT_HEADER = "学籍番号,学校コード,学年,組,出席番号,姓,名,姓カナ,名カナ,性別,生年月日";
const GUARDIAN_HEADER = "保護者番号,学籍番号,続柄,姓,名,姓カナ,名カナ,連絡先メール";
const utf8 = (s: string) => new TextEncoder().encode(s);
const aobaOnly = (code: string) => code === "aoba-e";

/** A KomuError's details (fails the test when `fn` does not throw one). */
function refusal(fn: () => unknown): {
  code: string;
  details: { total: number; rows: { row: number; column: string | null; problem: { ja: string; en: string } }[] };
} {
  try {
    fn();
  } catch (e) {
    if (e instanceof KomuError) return { code: e.code, details: e.details as never };
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("decodeCsv", () => {
  it("reads UTF-8 with and without a BOM", () => {
    const text = `${STUDENT_HEADER}\n`;
    expect(decodeCsv(utf8(text))).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsv(utf8(`\uFEFF${text}`))).toEqual({ text, encoding: "utf-8" });
  });

  it("falls back to Shift_JIS when the bytes are not UTF-8", () => {
    // "学籍番号,…\r\n12026001,aoba-e,1,1,1,和田,澪,ワダ,ミオ,女,2019-05-02\r\n" in Shift_JIS (CP932).
    const sjis = Buffer.from(
      "ineQ0JTUjYYsineNWoNSgVuDaCyKd5ROLJFnLI9vkMiU1I2GLJCpLJa8LJCpg0qDaSyWvINKg2kskKuVyiyQtpROjI6T+g0KMTIwMjYwMDEsYW9iYS1lLDEsMSwxLJhhk2Ms4Fksg4+DXyyDfoNJLI+XLDIwMTktMDUtMDINCg==",
      "base64",
    );
    const { text, encoding } = decodeCsv(new Uint8Array(sjis));
    expect(encoding).toBe("shift_jis");
    expect(text).toBe(`${STUDENT_HEADER}\r\n12026001,aoba-e,1,1,1,和田,澪,ワダ,ミオ,女,2019-05-02\r\n`);
    expect(parseStudents(new Uint8Array(sjis), aobaOnly)).toEqual([
      {
        studentNumber: "12026001",
        schoolId: "aoba-e",
        grade: 1,
        class: 1,
        number: 1,
        surname: "和田",
        givenName: "澪",
        surnameKana: "ワダ",
        givenNameKana: "ミオ",
      },
    ]);
  });
});

describe("splitCsv", () => {
  it("keeps quoted commas, quotes and line breaks, numbers records, skips blank lines", () => {
    const { records, unterminatedAt } = splitCsv('a,b\r\n"x, y","say ""hi"""\n\n"two\nlines",z\n');
    expect(unterminatedAt).toBeNull();
    expect(records).toEqual([
      { row: 1, cells: ["a", "b"] },
      { row: 2, cells: ["x, y", 'say "hi"'] },
      { row: 3, cells: ["two\nlines", "z"] },
    ]);
  });
});

describe("parseStudents", () => {
  it("normalises full-width digits and trims cells", () => {
    const rows = parseStudents(
      utf8(`${STUDENT_HEADER}\n１２０２６００１, aoba-e ,１,２,３, 和田 ,澪,ワダ,ミオ,女,2019-05-02\n`),
      aobaOnly,
    );
    expect(rows[0]).toMatchObject({ studentNumber: "12026001", grade: 1, class: 2, number: 3, surname: "和田" });
  });

  it("refuses the whole file and names every bad row and column", () => {
    const csv = [
      STUDENT_HEADER,
      "12026001,aoba-e,1,1,1,和田,澪,ワダ,ミオ,女,2019-05-02",
      "12026002,aoba-e,7,1,2,岡本,晴,オカモト,ハル,男,2019-07-06", // grade 7
      "12026003,aoba-e,1,1,3,,朝陽,アベ,アサヒ,男,2019-07-04", // no surname
      "12026004,aoba-e,1,1",
      "12026001,aoba-e,1,2,1,石井,駿,イシイ,シュン,男,2019-11-15", // duplicate 学籍番号
      "12026006,aoba-e,1,1,1,上野,蓮,ウエノ,レン,男,2019-11-15", // same seat as row 2
      "12026/07,aoba-e,1,1,9,上野,蓮,ウエノ,レン,男,2019-11-15", // bad id
    ].join("\n");
    const r = refusal(() => parseStudents(utf8(csv), aobaOnly));
    expect(r.code).toBe("ROSTER_CSV_INVALID");
    expect(r.details.rows.map((p) => [p.row, p.column])).toEqual([
      [3, "学年"],
      [4, "姓"],
      [5, null],
      [6, "学籍番号"],
      [7, "出席番号"],
      [8, "学籍番号"],
    ]);
    expect(r.details.total).toBe(6);
    expect(r.details.rows[0]?.problem.ja).toContain("1〜6");
    expect(r.details.rows[3]?.problem.ja).toContain("2 行目と重複");
  });

  it("refuses rows of another school", () => {
    const csv = `${STUDENT_HEADER}\n12026001,aoba-e,1,1,1,和田,澪,ワダ,ミオ,女,2019-05-02\n22026001,higashi-e,1,1,1,東,一,ヒガシ,ハジメ,男,2019-05-02\n`;
    const r = refusal(() => parseStudents(utf8(csv), aobaOnly));
    expect(r.details.rows).toEqual([
      expect.objectContaining({
        row: 3,
        column: "学校コード",
        problem: expect.objectContaining({ ja: expect.stringContaining("higashi-e") }),
      }),
    ]);
  });

  it("names missing columns, an empty file and a file without rows", () => {
    expect(
      refusal(() => parseStudents(utf8("学籍番号,学校コード,学年\n1,aoba-e,1\n"), aobaOnly)).details.rows.map(
        (p) => p.column,
      ),
    ).toEqual(["組", "出席番号", "姓", "名", "姓カナ", "名カナ"]);
    expect(refusal(() => parseStudents(utf8(""), aobaOnly)).details.rows[0]?.problem.en).toBe("the file is empty");
    expect(refusal(() => parseStudents(utf8(`${STUDENT_HEADER}\n`), aobaOnly)).details.rows[0]).toMatchObject({
      row: 2,
    });
  });

  it("lists at most 100 problems but counts them all", () => {
    const lines = Array.from({ length: 150 }, (_, i) => `${i + 1},aoba-e,9,1,${(i % 99) + 1},和田,澪,,,女,`);
    const r = refusal(() => parseStudents(utf8([STUDENT_HEADER, ...lines].join("\n")), aobaOnly));
    expect(r.details.total).toBe(150);
    expect(r.details.rows).toHaveLength(100);
  });
});

describe("parseGuardians", () => {
  const known = (n: string) => (n === "12026001" || n === "12026002" ? "aoba-e" : undefined);

  it("accepts siblings (one 保護者番号, two children) and a blank e-mail", () => {
    const csv = `${GUARDIAN_HEADER}\nG1,12026001,母,和田,由美,ワダ,ユミ,\nG1,12026002,母,和田,由美,ワダ,ユミ,wada@example.jp\n`;
    expect(
      parseGuardians(utf8(csv), known).map((g) => [g.guardianNumber, g.studentNumber, g.email, g.schoolId]),
    ).toEqual([
      ["G1", "12026001", "", "aoba-e"],
      ["G1", "12026002", "wada@example.jp", "aoba-e"],
    ]);
  });

  it("refuses an unknown child, a bad e-mail and a repeated guardian of the same child", () => {
    const csv = [
      GUARDIAN_HEADER,
      "G1,12026001,母,和田,由美,ワダ,ユミ,wada@example.jp",
      "G2,99999999,父,誰,某,,,x@example.jp",
      "G3,12026002,父,岡本,明,,,not-an-address",
      "G1,12026001,母,和田,由美,ワダ,ユミ,wada@example.jp",
    ].join("\r\n");
    const r = refusal(() => parseGuardians(utf8(csv), known));
    expect(r.code).toBe("ROSTER_CSV_INVALID");
    expect(r.details.rows.map((p) => [p.row, p.column])).toEqual([
      [3, "学籍番号"],
      [4, "連絡先メール"],
      [5, "保護者番号"],
    ]);
    expect(r.details.rows[0]?.problem.ja).toContain("99999999");
  });
});
