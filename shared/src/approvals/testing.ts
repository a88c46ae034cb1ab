/** Builders for tests of the approval machine (shared, functions and cards use them). */
import { type StageResolution, submit } from "./machine.js";
import type { Approval, Person } from "./state.js";

export const T0 = "2026-11-25T00:00:00.000Z";

export const people = {
  drafter: { oid: "u-drafter", name: "伊藤 綾" },
  head: { oid: "u-head", name: "桜井 聡" },
  vp: { oid: "u-vp", name: "小島 智子" },
  principal: { oid: "u-principal", name: "松尾 俊介" },
  g1: { oid: "u-g1", name: "上田 紀子" },
  g2: { oid: "u-g2", name: "長谷川 秀樹" },
  g3: { oid: "u-g3", name: "西村 俊介" },
  clerk: { oid: "u-clerk", name: "小川 久美子" },
  outsider: { oid: "u-out", name: "部外 者" },
} satisfies Record<string, Person>;

export function draftApproval(overrides: Partial<Approval> = {}): Approval {
  return {
    id: "a1",
    schoolId: "aoba-e",
    title: "校外学習の実施について",
    summary: "",
    categoryCode: "A-01",
    classification: "III",
    dueDate: null,
    drafter: people.drafter,
    templateId: "general",
    templateName: "一般起案",
    routeEdits: { remove: [], add: [] },
    main: { uploadId: "up1", fileName: "a.pdf", size: 10, sha256: "ab", mimeType: "application/pdf" },
    attachments: [],
    status: "draft",
    round: 0,
    stepSeq: 0,
    route: [],
    history: [],
    reminders: { afterDays: 3, repeatEveryDays: 2, max: 2 },
    remindersSent: 0,
    lastReminderAt: null,
    expiresAfterDays: 30,
    numberRegister: "dispatch",
    filing: { status: "none", recordId: null, number: null, error: null, verificationCode: null, sealedSha256: null },
    createdAt: T0,
    updatedAt: T0,
    submittedAt: null,
    completedAt: null,
    ...overrides,
  };
}

const stage = (
  id: string,
  kind: StageResolution["kind"],
  label: string,
  list: Person[],
  role: StageResolution["people"][number]["role"],
  extra: Partial<StageResolution> = {},
): StageResolution => ({
  id,
  kind,
  label,
  rule: { kind: "any" },
  people: list.map((p) => ({ ...p, role })),
  deputies: [],
  ...extra,
});

/** 教務主任 → 教頭 → 校長 (教頭 deputy). */
export function generalRoute(): StageResolution[] {
  return [
    stage("head-teacher", "approval", "教務主任", [people.head], "headTeacher"),
    stage("vice-principal", "approval", "教頭", [people.vp], "vicePrincipal"),
    stage("principal", "final", "校長", [people.principal], "principal", {
      deputies: [{ ...people.vp, role: "vicePrincipal" }],
    }),
  ];
}

/** 合議 of three grade heads with `rule` → 校長, then 回覧 to the clerk. */
export function consultationRoute(rule: StageResolution["rule"]): StageResolution[] {
  return [
    stage("grade-heads", "consultation", "合議", [people.g1, people.g2, people.g3], "gradeHead", { rule }),
    stage("principal", "final", "校長", [people.principal], "principal"),
    stage("clerk", "circulation", "回覧", [people.clerk], "clerk"),
  ];
}

export function submitted(route: StageResolution[] = generalRoute(), at = T0): Approval {
  return submit(draftApproval(), route, people.drafter, at).approval;
}
