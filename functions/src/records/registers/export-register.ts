/** GET …/registers/{register}/export?fiscalYear=: the register year as .xlsx (same lines and rules as the list). */
import {
  findCategory,
  type Principal,
  REGISTER_KIND_LABELS,
  type RegisterEntryView,
  type RegisterKind,
} from "@komu/shared";
import type { SchoolDirectory } from "../../deps.js";
import type { Storage } from "../../storage/index.js";
import { filePlanEntity } from "../entities.js";
import { buildRegisterWorkbook } from "./export-workbook.js";
import { listEntries } from "./list-entries.js";

export interface ExportDeps {
  storage: Pick<Storage, "entities">;
  clock: () => Date;
  schools: Pick<SchoolDirectory, "get">;
}

export interface RegisterExport {
  bytes: Buffer;
  /** 収受簿_2026年度_青葉小学校.xlsx */
  fileName: string;
  /** ASCII fallback: receipt-2026-aoba-e.xlsx */
  asciiFileName: string;
  /** The lines written (for the audit of class I/II subjects read). */
  entries: RegisterEntryView[];
}

export async function exportRegister(
  deps: ExportDeps,
  principal: Principal,
  schoolId: string,
  register: RegisterKind,
  fiscalYear: number | undefined,
): Promise<RegisterExport> {
  const listed = await listEntries(deps, principal, schoolId, register, fiscalYear);
  const [plan, school] = await Promise.all([
    deps.storage.entities.repo(filePlanEntity).get(schoolId, "current"),
    deps.schools.get(schoolId),
  ]);
  const schoolName = school?.name ?? schoolId;
  const bytes = await buildRegisterWorkbook({
    register,
    fiscalYear: listed.fiscalYear,
    schoolName,
    entries: listed.items,
    categoryLabel: (code) => {
      const category = plan ? findCategory(plan.data.plan, code) : undefined;
      return category ? `${code} ${category.name}` : code;
    },
    createdAt: deps.clock(),
  });
  return {
    bytes,
    fileName: `${REGISTER_KIND_LABELS[register].ja}_${listed.fiscalYear}年度_${schoolName}.xlsx`,
    asciiFileName: `${register}-${listed.fiscalYear}-${schoolId}.xlsx`,
    entries: listed.items,
  };
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / RFC 5987 attr-chars only). */
export function contentDisposition(fileName: string, asciiFileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const ascii = asciiFileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
