/**
 * The one capability table. Every access decision in Kōmu goes through `can()`; handlers never
 * compare role strings. A capability lists grants; a grant says which roles (or everybody) may
 * use it and in which scope:
 *   - "global":    the resource belongs to no school (one's own profile, one's task list);
 *   - "ownSchool": the principal must hold the role in the resource's school;
 *   - "town":      every school of the town (board of education staff, system administrators).
 * `staffOnly` capabilities are never granted to anyone holding the student role, whatever else
 * they hold (students never reach staff data). `classified` capabilities also apply the
 * information-classification rule (重要性分類 I–IV) in `classificationAllows`.
 */
import { z } from "zod";
import { KomuError, type LocalizedText } from "../errors.js";
import { BOARD_SCHOOL_ID, type Membership, type Principal } from "../principal.js";
import type { Role } from "../roles.js";

export const Classification = z.enum(["I", "II", "III", "IV"]);
export type Classification = z.infer<typeof Classification>;

/** What a capability is checked against. */
export interface Resource {
  schoolId?: string;
  classification?: Classification;
  /** Entra object id of the resource's owner (its 起案者 / creator). */
  ownerId?: string;
  /** Subject area; "health" lets the school nurse read class II health records. */
  topic?: "health";
}

/** Who a grant applies to: listed roles, any staff member of the school, or anyone with a membership. */
type Holders = readonly Role[] | "anyStaff" | "anyMember";

interface Grant {
  holders: Holders;
  scope: "global" | "ownSchool" | "town";
}

interface CapabilityDefinition {
  description: LocalizedText;
  staffOnly: boolean;
  classified?: true;
  grants: readonly Grant[];
}

const TOWN_ADMIN: Grant = { holders: ["admin"], scope: "town" };
const BOARD: Grant = { holders: ["boardStaff"], scope: "town" };
const SCHOOL_LEADERS = ["principal", "vicePrincipal"] as const satisfies readonly Role[];
const TEACHING_STAFF = [
  "principal",
  "vicePrincipal",
  "headTeacher",
  "gradeHead",
  "teacher",
] as const satisfies readonly Role[];

export const CAPABILITIES = {
  "profile.read": {
    description: { ja: "自分のプロフィールを見る", en: "See one's own profile" },
    staffOnly: false,
    grants: [{ holders: "anyMember", scope: "global" }],
  },
  "tasks.read": {
    description: { ja: "自分のタスクを見る", en: "See one's own tasks" },
    staffOnly: false,
    grants: [{ holders: "anyMember", scope: "global" }],
  },
  "school.read": {
    description: { ja: "学校の基本情報を見る", en: "See a school's basic information" },
    staffOnly: false,
    grants: [{ holders: "anyMember", scope: "ownSchool" }, BOARD, TOWN_ADMIN],
  },
  "staffDirectory.read": {
    description: { ja: "教職員名簿を見る", en: "See the staff directory" },
    staffOnly: true,
    grants: [{ holders: "anyStaff", scope: "ownSchool" }, BOARD],
  },
  "roster.read": {
    description: { ja: "児童生徒名簿（学年・組）を見る", en: "See the class roster (students by grade and class)" },
    staffOnly: true,
    grants: [{ holders: "anyStaff", scope: "ownSchool" }, BOARD],
  },
  "roster.import": {
    description: { ja: "児童生徒・保護者名簿を取り込む", en: "Import the student and guardian roster" },
    staffOnly: true,
    grants: [{ holders: ["clerk", ...SCHOOL_LEADERS, "headTeacher"], scope: "ownSchool" }, TOWN_ADMIN],
  },
  "document.read": {
    description: { ja: "学校文書を見る", en: "Read school documents" },
    staffOnly: true,
    classified: true,
    grants: [{ holders: "anyStaff", scope: "ownSchool" }, BOARD],
  },
  "records.file": {
    description: { ja: "学校文書を登録（保存）する", en: "File records in the school library" },
    staffOnly: true,
    grants: [{ holders: "anyStaff", scope: "ownSchool" }],
  },
  "records.register.read": {
    description: { ja: "収受簿・発送簿を見る", en: "See the receipt and dispatch registers" },
    staffOnly: true,
    grants: [{ holders: "anyStaff", scope: "ownSchool" }, BOARD],
  },
  "records.register.write": {
    description: { ja: "文書を収受・発送し番号を取る", en: "Register incoming and outgoing documents (numbers)" },
    staffOnly: true,
    grants: [{ holders: ["clerk", ...SCHOOL_LEADERS, "headTeacher"], scope: "ownSchool" }],
  },
  "records.disposal.propose": {
    description: { ja: "廃棄予定一覧を作成する", en: "Prepare the list of records due for disposal" },
    staffOnly: true,
    grants: [{ holders: ["clerk", ...SCHOOL_LEADERS], scope: "ownSchool" }],
  },
  "records.disposal.approve": {
    description: { ja: "文書の廃棄を承認する", en: "Approve the disposal of records" },
    staffOnly: true,
    grants: [{ holders: ["principal"], scope: "ownSchool" }],
  },
  "records.filePlan.edit": {
    description: { ja: "文書分類表・番号書式を編集する", en: "Edit the file plan and number formats" },
    staffOnly: true,
    grants: [{ holders: ["principal"], scope: "ownSchool" }, TOWN_ADMIN],
  },
  "records.provision": {
    description: { ja: "学校文書ライブラリを準備する", en: "Provision the school records libraries" },
    staffOnly: true,
    grants: [TOWN_ADMIN],
  },
  "document.draft": {
    description: { ja: "文書を起案する", en: "Draft a document for decision" },
    staffOnly: true,
    grants: [{ holders: "anyStaff", scope: "ownSchool" }],
  },
  "approval.decide": {
    description: { ja: "決裁・代決する", en: "Approve (or approve as deputy)" },
    staffOnly: true,
    grants: [{ holders: SCHOOL_LEADERS, scope: "ownSchool" }],
  },
  "approval.participate": {
    description: { ja: "決裁ルート上の文書を確認・決定する", en: "Act on approvals one is on the route of" },
    staffOnly: true,
    grants: [{ holders: "anyStaff", scope: "ownSchool" }],
  },
  "approval.oversee": {
    description: { ja: "学校の決裁文書をすべて見る", en: "See every approval of the school" },
    staffOnly: true,
    grants: [{ holders: SCHOOL_LEADERS, scope: "ownSchool" }],
  },
  "approval.templates.manage": {
    description: { ja: "決裁ルートのテンプレートを管理する", en: "Manage approval route templates" },
    staffOnly: true,
    grants: [{ holders: ["principal"], scope: "ownSchool" }, BOARD, TOWN_ADMIN],
  },
  "meeting.manage": {
    description: { ja: "職員会議を運営する", en: "Run staff meetings" },
    staffOnly: true,
    grants: [{ holders: [...SCHOOL_LEADERS, "headTeacher", "gradeHead"], scope: "ownSchool" }],
  },
  "meeting.oversee": {
    description: {
      ja: "学校の会議をすべて見る（閲覧状況を含む）",
      en: "See every meeting of the school (read status included)",
    },
    staffOnly: true,
    grants: [{ holders: SCHOOL_LEADERS, scope: "ownSchool" }],
  },
  "meeting.read": {
    description: { ja: "出席する会議の資料を見る", en: "Read the materials of meetings one attends" },
    staffOnly: true,
    classified: true,
    grants: [{ holders: "anyStaff", scope: "ownSchool" }],
  },
  "survey.create": {
    description: { ja: "アンケート・照会を作成する", en: "Create surveys and inquiries" },
    staffOnly: true,
    grants: [{ holders: "anyStaff", scope: "ownSchool" }, BOARD],
  },
  "survey.answer": {
    description: { ja: "アンケートに回答する", en: "Answer surveys" },
    staffOnly: false,
    grants: [{ holders: "anyMember", scope: "ownSchool" }],
  },
  "survey.oversee": {
    description: {
      ja: "学校のアンケートをすべて見る（回答状況・結果）",
      en: "See every survey of the school (tracking, results)",
    },
    staffOnly: true,
    grants: [{ holders: SCHOOL_LEADERS, scope: "ownSchool" }, BOARD],
  },
  "notice.read": {
    description: { ja: "教職員向けのお知らせを見る", en: "Read notices to staff" },
    staffOnly: true,
    grants: [{ holders: "anyStaff", scope: "ownSchool" }, BOARD],
  },
  "notice.sendToTown": {
    description: { ja: "町内の全校へ通知する", en: "Send notices to every school of the town" },
    staffOnly: true,
    grants: [BOARD],
  },
  "grading.grade": {
    description: { ja: "採点する", en: "Grade answer sheets" },
    staffOnly: true,
    grants: [{ holders: TEACHING_STAFF, scope: "ownSchool" }],
  },
  "health.read": {
    description: { ja: "保健の記録（分類 II）を見る", en: "Read health records (class II)" },
    staffOnly: true,
    grants: [{ holders: ["nurse", ...SCHOOL_LEADERS], scope: "ownSchool" }],
  },
  "approval.verify": {
    description: { ja: "PDF が決裁済みの Kōmu 文書か検証する", en: "Check whether a PDF is a sealed Kōmu document" },
    staffOnly: true,
    grants: [{ holders: "anyStaff", scope: "global" }, BOARD, TOWN_ADMIN],
  },
  "approval.verify.school": {
    description: {
      ja: "検証した決裁文書の学校側の記録（件名・文書番号）を見る",
      en: "See the school's record of a verified sealed document",
    },
    staffOnly: true,
    grants: [{ holders: "anyStaff", scope: "ownSchool" }, BOARD, TOWN_ADMIN],
  },
  "audit.read": {
    description: { ja: "監査ログを見る", en: "Read the audit log" },
    staffOnly: true,
    grants: [{ holders: SCHOOL_LEADERS, scope: "ownSchool" }, TOWN_ADMIN],
  },
  "audit.verify": {
    description: { ja: "監査ログの改ざんを検査する", en: "Verify the audit log's hash chain" },
    staffOnly: true,
    grants: [{ holders: ["principal"], scope: "ownSchool" }, TOWN_ADMIN],
  },
  "outbox.deadLetters.read": {
    description: { ja: "配信できなかった処理を見る", en: "See side effects that could not be delivered" },
    staffOnly: true,
    grants: [TOWN_ADMIN],
  },
  "outbox.deadLetters.replay": {
    description: { ja: "配信できなかった処理を再実行する", en: "Replay side effects that could not be delivered" },
    staffOnly: true,
    grants: [TOWN_ADMIN],
  },
} as const satisfies Record<string, CapabilityDefinition>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

const isStudent = (p: Principal): boolean => p.roles.includes("student");

/** A membership's roles that count: `boardStaff` only in the board of education (`boe`). */
function rolesThatCount(membership: Membership): Role[] {
  return membership.schoolId === BOARD_SCHOOL_ID
    ? membership.roles
    : membership.roles.filter((r) => r !== "boardStaff");
}

/** Roles that count anywhere: from memberships (as above), plus `admin` (no school). */
function principalRoles(principal: Principal): Role[] {
  const roles = principal.memberships.flatMap(rolesThatCount);
  if (principal.roles.includes("admin")) roles.push("admin");
  return roles;
}

function holdsIn(principal: Principal, holders: Holders, schoolId: string): boolean {
  const membership = principal.memberships.find((m) => m.schoolId === schoolId);
  if (!membership) return false;
  if (holders === "anyMember") return true;
  if (holders === "anyStaff") return membership.staff;
  return rolesThatCount(membership).some((r) => holders.includes(r));
}

function holdsAnywhere(principal: Principal, holders: Holders): boolean {
  if (holders === "anyMember") return principal.memberships.length > 0 || principal.roles.length > 0;
  if (holders === "anyStaff") return principal.memberships.some((m) => m.staff);
  return principalRoles(principal).some((r) => holders.includes(r));
}

function grantAllows(principal: Principal, grant: Grant, resource: Resource): boolean {
  switch (grant.scope) {
    case "global":
      return holdsAnywhere(principal, grant.holders);
    case "ownSchool":
      return resource.schoolId !== undefined && holdsIn(principal, grant.holders, resource.schoolId);
    case "town":
      return holdsAnywhere(principal, grant.holders);
  }
}

/**
 * 重要性分類: III and IV are open to whoever the grants admit; I and II only to those with a
 * need: the school's principal and vice principal, the resource's owner, and for class II
 * health records the school nurse. A missing classification is treated as class I.
 */
export function classificationAllows(principal: Principal, resource: Resource): boolean {
  const classification = resource.classification ?? "I";
  if (classification === "III" || classification === "IV") return true;
  if (resource.ownerId !== undefined && resource.ownerId === principal.oid) return true;
  if (resource.schoolId === undefined) return false;
  const roles = principal.memberships.find((m) => m.schoolId === resource.schoolId)?.roles ?? [];
  if (roles.some((r) => r === "principal" || r === "vicePrincipal")) return true;
  return classification === "II" && resource.topic === "health" && roles.includes("nurse");
}

/** May `principal` use `capability` on `resource`? Pure; backed by CAPABILITIES only. */
export function can(principal: Principal, capability: Capability, resource: Resource = {}): boolean {
  const definition: CapabilityDefinition = CAPABILITIES[capability];
  if (!definition) return false;
  if (definition.staffOnly && isStudent(principal)) return false;
  if (!definition.grants.some((g) => grantAllows(principal, g, resource))) return false;
  if (definition.classified && !classificationAllows(principal, resource)) return false;
  return true;
}

/** Throws KomuError("FORBIDDEN") unless `can(...)`. */
export function ensureCan(principal: Principal, capability: Capability, resource: Resource = {}): void {
  if (!can(principal, capability, resource)) {
    throw new KomuError("FORBIDDEN", {
      details: { capability, ...(resource.schoolId ? { schoolId: resource.schoolId } : {}) },
    });
  }
}

/** True when a grant of the capability covers every school of the town for this principal. */
export function hasTownScope(principal: Principal, capability: Capability): boolean {
  const definition: CapabilityDefinition = CAPABILITIES[capability];
  if (definition.staffOnly && isStudent(principal)) return false;
  return definition.grants.some((g) => g.scope === "town" && holdsAnywhere(principal, g.holders));
}

/** The principal's own schools in which the capability is granted (town scope not expanded). */
export function schoolsWhere(principal: Principal, capability: Capability): string[] {
  return principal.schools.filter((schoolId) => can(principal, capability, { schoolId, classification: "IV" }));
}
