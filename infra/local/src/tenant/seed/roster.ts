/** Reads the roster CSVs (校務支援 export shape) into typed rows, with zod validation. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseCsv } from "./csv.js";

export const SEED_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), "data");

const SchoolRow = z.object({
  学校コード: z.string().regex(/^[a-z][a-z0-9-]*$/),
  学校名: z.string().min(1),
  略称: z.string().min(1),
  種別: z.enum(["教育委員会", "小学校", "中学校"]),
  電話番号: z.string().default(""),
});
const StaffRow = z.object({
  職員番号: z.string().min(1),
  学校コード: z.string().min(1),
  姓: z.string().min(1),
  名: z.string().min(1),
  姓カナ: z.string(),
  名カナ: z.string(),
  職名: z.string().min(1),
  校務分掌: z.string(),
  担任学年: z.string(),
  担任組: z.string(),
  メール: z.string().email(),
});
const StudentRow = z.object({
  学籍番号: z.string().min(1),
  学校コード: z.string().min(1),
  学年: z.coerce.number().int().min(1).max(6),
  組: z.coerce.number().int().min(1),
  出席番号: z.coerce.number().int().min(1),
  姓: z.string().min(1),
  名: z.string().min(1),
  姓カナ: z.string(),
  名カナ: z.string(),
  性別: z.string(),
  生年月日: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
const GuardianRow = z.object({
  保護者番号: z.string().min(1),
  学籍番号: z.string().min(1),
  続柄: z.string(),
  姓: z.string().min(1),
  名: z.string().min(1),
  姓カナ: z.string(),
  名カナ: z.string(),
  連絡先メール: z.string(),
});

export type SchoolRow = z.infer<typeof SchoolRow>;
export type StaffRow = z.infer<typeof StaffRow>;
export type StudentRow = z.infer<typeof StudentRow>;
export type GuardianRow = z.infer<typeof GuardianRow>;

export interface Roster {
  schools: SchoolRow[];
  staff: StaffRow[];
  students: StudentRow[];
  guardians: GuardianRow[];
}

function read<T>(dir: string, file: string, schema: z.ZodType<T>): T[] {
  return parseCsv(readFileSync(join(dir, file), "utf8")).map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success)
      throw new Error(
        `${file} row ${i + 2}: ${parsed.error.issues.map((x) => `${x.path.join(".")} ${x.message}`).join("; ")}`,
      );
    return parsed.data;
  });
}

export function readRoster(dir: string = SEED_DATA_DIR): Roster {
  return {
    schools: read(dir, "schools.csv", SchoolRow),
    staff: read(dir, "staff.csv", StaffRow),
    students: read(dir, "students.csv", StudentRow),
    guardians: read(dir, "guardians.csv", GuardianRow),
  };
}
