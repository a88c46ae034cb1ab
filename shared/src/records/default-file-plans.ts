/**
 * The default 文書分類表 shipped for 小学校 and 中学校. Periods follow 学校教育法施行規則 §28
 * (指導要録 学籍 20 years after graduation or transfer, 指導 5 years; 出席簿 5 years; other 表簿
 * generally 5 years), 学校保健安全法施行規則 §8 (健康診断票 5 years) and the classes a municipal
 * document rule uses (永年, 30, 10, 5, 3, 1 year). Classification follows the 教育情報セキュリティ
 * ポリシー guideline's examples (grade lists and accident reports II, personnel data I).
 * An administrator may edit the plan per school; these are the starting point.
 */
import type { FilePlan, FilePlanCategory, SchoolKind } from "./file-plan.js";

type Row = Omit<FilePlanCategory, "trigger" | "retired"> & Partial<Pick<FilePlanCategory, "trigger">>;

const group = (code: string, name: string, nameEn: string): Row => ({
  code,
  parentCode: null,
  name,
  nameEn,
  retention: "5",
  classification: "III",
});

const COMMON: Row[] = [
  group("A", "学籍・指導", "Student records"),
  {
    code: "A-01",
    parentCode: "A",
    name: "指導要録（学籍に関する記録）",
    nameEn: "Cumulative record (enrolment)",
    retention: "20",
    trigger: "graduation",
    classification: "I",
    basis: "学校教育法施行規則第28条第2項（卒業・転学後20年）",
  },
  {
    code: "A-02",
    parentCode: "A",
    name: "指導要録（指導に関する記録）",
    nameEn: "Cumulative record (instruction)",
    retention: "5",
    classification: "I",
    basis: "学校教育法施行規則第28条第2項（5年）",
  },
  {
    code: "A-03",
    parentCode: "A",
    name: "出席簿",
    nameEn: "Attendance registers",
    retention: "5",
    classification: "II",
    basis: "学校教育法施行規則第28条第2項（5年）",
  },
  {
    code: "A-04",
    parentCode: "A",
    name: "成績一覧表・通知表控",
    nameEn: "Grade lists and report-card copies",
    retention: "5",
    classification: "II",
    basis: "学校教育法施行規則第28条第2項（5年）",
  },
  {
    code: "A-05",
    parentCode: "A",
    name: "転出入・在学証明",
    nameEn: "Transfers and enrolment certificates",
    retention: "5",
    classification: "II",
  },
  {
    code: "A-06",
    parentCode: "A",
    name: "卒業証書授与台帳",
    nameEn: "Register of diplomas",
    retention: "permanent",
    classification: "II",
  },
  group("B", "保健", "Health"),
  {
    code: "B-01",
    parentCode: "B",
    name: "健康診断票",
    nameEn: "Health examination records",
    retention: "5",
    classification: "II",
    topic: "health",
    basis: "学校保健安全法施行規則第8条第4項（5年）",
  },
  {
    code: "B-02",
    parentCode: "B",
    name: "歯の検査票",
    nameEn: "Dental examination records",
    retention: "5",
    classification: "II",
    topic: "health",
    basis: "学校保健安全法施行規則第8条第4項（5年）",
  },
  {
    code: "B-03",
    parentCode: "B",
    name: "保健日誌・保健室来室記録",
    nameEn: "Health-room log",
    retention: "5",
    classification: "II",
    topic: "health",
  },
  {
    code: "B-04",
    parentCode: "B",
    name: "災害共済給付",
    nameEn: "Injury mutual aid claims",
    retention: "5",
    classification: "II",
    topic: "health",
  },
  group("C", "教務", "Curriculum"),
  {
    code: "C-01",
    parentCode: "C",
    name: "教育課程・年間指導計画",
    nameEn: "Curriculum and annual teaching plans",
    retention: "5",
    classification: "III",
    basis: "学校教育法施行規則第28条第2項（5年）",
  },
  { code: "C-02", parentCode: "C", name: "学校日誌", nameEn: "School diary", retention: "5", classification: "III" },
  {
    code: "C-03",
    parentCode: "C",
    name: "行事計画・時間割",
    nameEn: "Event plans and timetables",
    retention: "1",
    classification: "III",
  },
  {
    code: "C-04",
    parentCode: "C",
    name: "教科用図書配当表",
    nameEn: "Textbook allocation",
    retention: "5",
    classification: "III",
    basis: "学校教育法施行規則第28条第1項第5号",
  },
  group("D", "庶務・人事", "General affairs and personnel"),
  {
    code: "D-01",
    parentCode: "D",
    name: "出勤簿・服務",
    nameEn: "Staff attendance and duties",
    retention: "5",
    classification: "I",
  },
  {
    code: "D-02",
    parentCode: "D",
    name: "職員人事記録",
    nameEn: "Personnel records",
    retention: "10",
    classification: "I",
  },
  {
    code: "D-03",
    parentCode: "D",
    name: "学校沿革誌",
    nameEn: "School history",
    retention: "permanent",
    classification: "IV",
  },
  {
    code: "D-04",
    parentCode: "D",
    name: "職員会議録",
    nameEn: "Staff meeting minutes",
    retention: "5",
    classification: "III",
  },
  {
    code: "D-05",
    parentCode: "D",
    name: "学校評価",
    nameEn: "School evaluation",
    retention: "5",
    classification: "III",
  },
  {
    code: "D-06",
    parentCode: "D",
    name: "決裁文書",
    nameEn: "Approved documents",
    retention: "5",
    classification: "III",
  },
  group("E", "施設・会計", "Facilities and accounts"),
  {
    code: "E-01",
    parentCode: "E",
    name: "備品台帳",
    nameEn: "Equipment ledger",
    retention: "10",
    classification: "III",
  },
  {
    code: "E-02",
    parentCode: "E",
    name: "学校徴収金会計簿",
    nameEn: "School fee accounts",
    retention: "5",
    classification: "II",
  },
  {
    code: "E-03",
    parentCode: "E",
    name: "施設・安全点検",
    nameEn: "Facility and safety inspections",
    retention: "3",
    classification: "III",
  },
  group("F", "生徒指導・安全", "Guidance and safety"),
  {
    code: "F-01",
    parentCode: "F",
    name: "事故報告書",
    nameEn: "Accident reports",
    retention: "10",
    classification: "II",
  },
  {
    code: "F-02",
    parentCode: "F",
    name: "いじめ・生徒指導記録",
    nameEn: "Bullying and guidance records",
    retention: "5",
    classification: "I",
  },
  {
    code: "F-03",
    parentCode: "F",
    name: "避難訓練・防災",
    nameEn: "Evacuation drills",
    retention: "3",
    classification: "III",
  },
  group("G", "往復文書", "Correspondence"),
  {
    code: "G-01",
    parentCode: "G",
    name: "教育委員会通知",
    nameEn: "Notices from the board",
    retention: "3",
    classification: "III",
  },
  {
    code: "G-02",
    parentCode: "G",
    name: "照会・調査回答",
    nameEn: "Inquiries and answers",
    retention: "1",
    classification: "III",
  },
  {
    code: "G-03",
    parentCode: "G",
    name: "その他の収受・発送文書",
    nameEn: "Other incoming and outgoing documents",
    retention: "1",
    classification: "III",
  },
];

const JUNIOR_HIGH_ONLY: Row[] = [
  {
    code: "A-07",
    parentCode: "A",
    name: "進路指導・調査書",
    nameEn: "Career guidance and high-school reports",
    retention: "5",
    classification: "I",
  },
  {
    code: "C-05",
    parentCode: "C",
    name: "部活動",
    nameEn: "Club activities",
    retention: "3",
    classification: "III",
  },
];

const complete = (rows: Row[]): FilePlanCategory[] =>
  rows.map((r) => ({ ...r, trigger: r.trigger ?? "closed", retired: false }));

/** The shipped default plan for a kind of school (the board gets the 中学校 list without school-only groups). */
export function defaultFilePlan(schoolKind: SchoolKind): FilePlan {
  const rows = schoolKind === "juniorHigh" ? [...COMMON, ...JUNIOR_HIGH_ONLY] : COMMON;
  const ordered = [...rows].sort((a, b) => a.code.localeCompare(b.code));
  return { schoolKind, categories: complete(ordered) };
}
