/**
 * Who a survey's audience reaches now (resolved when the survey is opened, and for the preview):
 *   staff     → members of the trusted group `komu-<schoolId>-staff` (no roles given) or of
 *               `komu-<schoolId>-<role>` for each role, one recipient per person (by oid);
 *   students  → the roster's students of the groups (whole school when none) whose Entra user is
 *               known (the others are named in a warning: they cannot get a card);
 *   guardians → the roster's guardians of those students, one recipient per guardian and child
 *               (key `g-<保護者番号>-<学籍番号>`; they answer through their own links).
 */
import { type Audience, groupLabel, type RecipientKind, ROLE_LABELS } from "@komu/shared";
import type { SurveysDeps } from "../deps.js";
import { guardianKey, recipientKeyOfOid } from "../recipients.js";

/** A recipient row to write (without its survey id; the rest of the row takes its defaults). */
export interface RecipientDraft {
  key: string;
  kind: RecipientKind;
  oid: string | null;
  name: string;
  childName?: string | null;
  relationship?: string | null;
  studentNumber?: string | null;
  grade?: number | null;
  class?: number | null;
  number?: number | null;
}

export interface ResolvedAudience {
  recipients: RecipientDraft[];
  /** Counts per group (staff: per role or 教職員; students/guardians: per class). */
  groups: { label: string; count: number }[];
  warnings: { ja: string; en: string }[];
}

function countByClass(rows: readonly { grade?: number | null; class?: number | null }[]) {
  const counts = new Map<string, { label: string; count: number; order: number }>();
  for (const r of rows) {
    const label = groupLabel(r.grade, r.class);
    const entry = counts.get(label) ?? { label, count: 0, order: (r.grade ?? 0) * 100 + (r.class ?? 0) };
    entry.count++;
    counts.set(label, entry);
  }
  return [...counts.values()].sort((a, b) => a.order - b.order).map(({ label, count }) => ({ label, count }));
}

async function staffAudience(
  deps: Pick<SurveysDeps, "members">,
  schoolId: string,
  roles: readonly string[],
): Promise<ResolvedAudience> {
  if (!deps.members) return { recipients: [], groups: [], warnings: [] };
  const groups: ResolvedAudience["groups"] = [];
  const byOid = new Map<string, RecipientDraft>();
  const targets: { suffix: string; label: string }[] =
    roles.length === 0
      ? [{ suffix: "staff", label: "教職員" }]
      : roles.map((r) => ({ suffix: r, label: ROLE_LABELS[r as keyof typeof ROLE_LABELS]?.ja ?? r }));
  for (const t of targets) {
    const members = await deps.members.of(`komu-${schoolId}-${t.suffix}`);
    groups.push({ label: t.label, count: members.length });
    for (const m of members)
      if (!byOid.has(m.oid))
        byOid.set(m.oid, { key: recipientKeyOfOid(m.oid), kind: "staff", oid: m.oid, name: m.name });
  }
  const recipients = [...byOid.values()].sort(
    (a, b) => a.name.localeCompare(b.name, "ja") || a.key.localeCompare(b.key),
  );
  return { recipients, groups, warnings: [] };
}

async function studentsAudience(
  deps: Pick<SurveysDeps, "roster">,
  schoolId: string,
  groups: Extract<Audience, { kind: "students" }>["groups"],
): Promise<ResolvedAudience> {
  const students = deps.roster ? await deps.roster.students(schoolId, groups.length ? groups : undefined) : [];
  const withAccount = students.filter((s) => s.oid);
  const without = students.filter((s) => !s.oid);
  const recipients: RecipientDraft[] = withAccount.map((s) => ({
    key: recipientKeyOfOid(s.oid as string),
    kind: "student",
    oid: s.oid,
    name: s.name,
    studentNumber: s.studentNumber,
    grade: s.grade,
    class: s.class,
    number: s.number,
  }));
  const warnings: ResolvedAudience["warnings"] = [];
  if (without.length > 0) {
    const names = without
      .slice(0, 10)
      .map((s) => `${groupLabel(s.grade, s.class)}${s.number}番 ${s.name}`)
      .join("、");
    const more = without.length > 10 ? ` ほか${without.length - 10}名` : "";
    warnings.push({
      ja: `Microsoft 365 のアカウントが確認できない児童生徒が ${without.length} 名います（${names}${more}）。この児童生徒には送信されません。`,
      en: `${without.length} student(s) have no known Microsoft 365 account and will not receive the survey.`,
    });
  }
  return { recipients, groups: countByClass(recipients), warnings };
}

async function guardiansAudience(
  deps: Pick<SurveysDeps, "roster">,
  schoolId: string,
  groups: Extract<Audience, { kind: "guardians" }>["groups"],
): Promise<ResolvedAudience> {
  const guardians = deps.roster ? await deps.roster.guardians(schoolId, groups.length ? groups : undefined) : [];
  const seen = new Set<string>();
  const recipients: RecipientDraft[] = [];
  for (const g of guardians) {
    const key = guardianKey(g.guardianNumber, g.child.studentNumber);
    if (seen.has(key)) continue;
    seen.add(key);
    recipients.push({
      key,
      kind: "guardian",
      oid: null,
      name: g.name,
      childName: g.child.name,
      relationship: g.relationship,
      studentNumber: g.child.studentNumber,
      grade: g.child.grade,
      class: g.child.class,
      number: g.child.number,
    });
  }
  const warnings: ResolvedAudience["warnings"] = [];
  if (deps.roster) {
    const students = await deps.roster.students(schoolId, groups.length ? groups : undefined);
    const withGuardian = new Set(recipients.map((r) => r.studentNumber));
    const orphans = students.filter((s) => !withGuardian.has(s.studentNumber));
    if (orphans.length > 0)
      warnings.push({
        ja: `保護者が名簿に登録されていない児童生徒が ${orphans.length} 名います（${orphans
          .slice(0, 10)
          .map((s) => `${groupLabel(s.grade, s.class)}${s.number}番 ${s.name}`)
          .join("、")}${orphans.length > 10 ? " ほか" : ""}）。`,
        en: `${orphans.length} student(s) have no guardian in the roster.`,
      });
  }
  return { recipients, groups: countByClass(recipients), warnings };
}

export async function resolveAudience(
  deps: Pick<SurveysDeps, "members" | "roster">,
  schoolId: string,
  audience: Audience,
): Promise<ResolvedAudience> {
  switch (audience.kind) {
    case "staff":
      return staffAudience(deps, schoolId, audience.roles);
    case "students":
      return studentsAudience(deps, schoolId, audience.groups);
    case "guardians":
      return guardiansAudience(deps, schoolId, audience.groups);
  }
}
