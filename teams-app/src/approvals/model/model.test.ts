import type { Approval, Assignee, Principal, ResolvedStage, RouteTemplate } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { decisionInput, decisionProblem } from "./decision-form.js";
import {
  addedStagePositions,
  addedStageProblem,
  draftCreateInput,
  draftFromApproval,
  draftProblems,
  draftUpdateInput,
  emptyDraft,
  fileRole,
  newAddedStage,
  removableStages,
  routeEdits,
} from "./draft-form.js";
import { pendingReview, personState, stageProgress } from "./route-view.js";
import { approvalSchools, visibleViews } from "./views.js";

const person = (roles: Principal["roles"], schoolId = "aoba-es"): Principal => ({
  oid: "u1",
  tenantId: "t",
  name: "伊藤 綾",
  upn: "ito@example.jp",
  kind: "staff",
  schools: [schoolId],
  roles,
  memberships: [{ schoolId, roles, staff: true }],
});

describe("approvals views", () => {
  it("a teacher has the lists, 起案 and 検証 but not the school's waiting items", () => {
    expect(visibleViews(person(["teacher"]), "aoba-es")).toEqual([
      "waiting",
      "drafts",
      "done",
      "new",
      "verify",
      "seal",
    ]);
  });

  it("the principal also sees everything waiting in the school", () => {
    expect(visibleViews(person(["principal"]), "aoba-es")).toContain("school");
  });

  it("a student or another school's staff sees nothing", () => {
    const student = {
      ...person(["student"]),
      memberships: [{ schoolId: "aoba-es", roles: ["student" as const], staff: false }],
    };
    expect(visibleViews(student, "aoba-es")).toEqual([]);
    expect(visibleViews(person(["teacher"], "sakura-es"), "aoba-es")).toEqual([]);
    expect(approvalSchools(student)).toEqual([]);
    expect(approvalSchools(person(["teacher"]))).toEqual(["aoba-es"]);
  });
});

const assignee = (over: Partial<Assignee>): Assignee => ({
  oid: "p",
  name: "小島 智子",
  role: "vicePrincipal",
  status: "pending",
  notifiedAt: null,
  viewedAt: null,
  decidedAt: null,
  decision: null,
  comment: null,
  deputy: null,
  reviewedAt: null,
  ...over,
});

describe("route display", () => {
  it("shows each person's furthest status", () => {
    const t = "2026-11-20T01:00:00Z";
    expect(personState(assignee({}))).toBe("notYetNotified");
    expect(personState(assignee({ notifiedAt: t }))).toBe("notified");
    expect(personState(assignee({ notifiedAt: t, viewedAt: t }))).toBe("viewed");
    expect(personState(assignee({ status: "decided", decision: "approve", decidedAt: t }))).toBe("approved");
    expect(personState(assignee({ status: "decided", decision: "return", decidedAt: t }))).toBe("returned");
    expect(personState(assignee({ status: "decided", decision: "reject", decidedAt: t }))).toBe("rejected");
    expect(
      personState(assignee({ status: "decided", decision: "approve", deputy: { oid: "d", name: "小島 智子" } })),
    ).toBe("delegated");
    expect(personState(assignee({ status: "waiting" }))).toBe("waiting");
    expect(personState(assignee({ status: "closed" }))).toBe("closed");
    expect(personState(assignee({ status: "circulated", viewedAt: t }))).toBe("circulatedViewed");
  });

  it("counts a 合議's approvals against its rule", () => {
    const stage = {
      id: "grade-heads",
      kind: "consultation",
      label: "合議（学年主任）",
      rule: { kind: "nOfM", n: 2 },
      assignees: [
        assignee({ status: "decided", decision: "approve" }),
        assignee({ status: "pending" }),
        assignee({ status: "pending" }),
      ],
      deputies: [],
      status: "active",
      token: "x",
      activatedAt: null,
      completedAt: null,
    } satisfies ResolvedStage;
    expect(stageProgress(stage)).toEqual({ approved: 1, needed: 2, of: 3 });
    expect(stageProgress({ ...stage, kind: "approval" })).toBeNull();
  });

  it("finds the stage where a deputy decided for me and I have not acknowledged it (後閲)", () => {
    const deputy = { oid: "vp", name: "小島 智子" };
    const stage = (id: string, a: Partial<Assignee>): ResolvedStage => ({
      id,
      kind: "final",
      label: "校長",
      rule: { kind: "any" },
      assignees: [assignee({ oid: "p", status: "decided", decision: "approve", ...a })],
      deputies: [],
      status: "passed",
      token: null,
      activatedAt: null,
      completedAt: null,
    });
    expect(pendingReview([stage("principal", { deputy })], "p")).toBe("principal");
    expect(pendingReview([stage("principal", { deputy, reviewedAt: "2026-11-21T00:00:00Z" })], "p")).toBeNull();
    expect(pendingReview([stage("principal", {})], "p")).toBeNull();
    expect(pendingReview([stage("principal", { deputy })], "someone-else")).toBeNull();
  });
});

describe("decision form", () => {
  const targets = [{ id: "drafter" }, { id: "vice-principal" }];

  it("差し戻し and 却下 need a comment, 承認 does not", () => {
    expect(decisionProblem({ kind: "approve", comment: "", to: "" }, targets)).toBeNull();
    expect(decisionProblem({ kind: "reject", comment: "  ", to: "" }, targets)).toBe("commentRequired");
    expect(decisionProblem({ kind: "return", comment: "", to: "drafter" }, targets)).toBe("commentRequired");
    expect(decisionProblem({ kind: "return", comment: "日程を再確認", to: "principal" }, targets)).toBe(
      "targetRequired",
    );
    expect(decisionProblem({ kind: "return", comment: "日程を再確認", to: "drafter" }, targets)).toBeNull();
    expect(decisionProblem({ kind: "approve", comment: "x".repeat(1001), to: "" }, targets)).toBe("commentTooLong");
  });

  it("builds the decision body with the step token", () => {
    expect(decisionInput({ kind: "return", comment: " 再考を ", to: "vice-principal" }, "tok")).toEqual({
      type: "return",
      stepToken: "tok",
      to: "vice-principal",
      comment: "再考を",
    });
    expect(decisionInput({ kind: "delegate", comment: "", to: "" }, "tok")).toEqual({
      type: "delegate",
      stepToken: "tok",
    });
  });
});

describe("drafting form", () => {
  const template = {
    stages: [
      {
        id: "head-teacher",
        kind: "approval",
        label: "教務主任",
        roles: ["headTeacher"],
        rule: { kind: "any" },
        optional: true,
      },
      {
        id: "vice-principal",
        kind: "approval",
        label: "教頭",
        roles: ["vicePrincipal"],
        rule: { kind: "any" },
        optional: false,
      },
      { id: "principal", kind: "final", label: "校長", roles: ["principal"], rule: { kind: "any" }, optional: false },
    ],
    drafterMay: { addConsultation: true, addCirculation: true, removeOptional: true },
  } satisfies Pick<RouteTemplate, "stages" | "drafterMay">;

  it("a draft may be saved without its PDF but not submitted", () => {
    const form = { ...emptyDraft("general"), title: "修学旅行実施計画", categoryCode: "A-1" };
    expect(draftProblems(form, false, "2026-11-20")).toEqual([]);
    expect(draftProblems(form, true, "2026-11-20")).toEqual(["main"]);
    expect(draftProblems(emptyDraft(), false, "2026-11-20")).toEqual(["title", "category", "template"]);
    expect(draftProblems({ ...form, dueDate: "2026-11-01" }, true, "2026-11-20")).toContain("dueDate");
  });

  it("only optional stages can be removed, and only when the template allows it", () => {
    expect(removableStages(template)).toEqual(["head-teacher"]);
    expect(removableStages({ ...template, drafterMay: { ...template.drafterMay, removeOptional: false } })).toEqual([]);
  });

  it("builds the create body (trimmed, removals limited to removable stages)", () => {
    const form = {
      ...emptyDraft("general"),
      title: " 修学旅行実施計画 ",
      categoryCode: "A-1",
      main: { uploadId: "u1", fileName: "plan.pdf", size: 10 },
      attachments: [{ uploadId: "u2", fileName: "budget.xlsx", size: 5 }],
      removed: ["head-teacher", "principal"],
    };
    expect(draftCreateInput(form, template)).toEqual({
      templateId: "general",
      title: "修学旅行実施計画",
      summary: "",
      categoryCode: "A-1",
      dueDate: null,
      mainUploadId: "u1",
      attachmentUploadIds: ["u2"],
      routeEdits: { remove: ["head-teacher"], add: [] },
    });
  });

  it("images as the main document: the first is mainUploadId, the rest pageImageUploadIds in order", () => {
    const img = (uploadId: string) => ({ uploadId, fileName: `${uploadId}.png`, size: 1 });
    const form = {
      ...emptyDraft("general"),
      title: "t",
      categoryCode: "A-1",
      main: img("i1"),
      pages: [img("i2"), img("i3")],
    };
    expect(draftCreateInput(form, template)).toMatchObject({ mainUploadId: "i1", pageImageUploadIds: ["i2", "i3"] });
  });

  it("the drafter adds a 合議 before the final decision and a 回覧 anywhere, as the template allows", () => {
    const consult = newAddedStage("consultation", template, "合議（学年主任）");
    expect(consult).toMatchObject({ kind: "consultation", after: "vice-principal", roles: ["gradeHead"] });
    expect(addedStagePositions("consultation", template).map((p) => p.after)).toEqual([
      null,
      "head-teacher",
      "vice-principal",
    ]);
    expect(addedStagePositions("circulation", template).map((p) => p.after)).toEqual([
      null,
      "head-teacher",
      "vice-principal",
      "principal",
    ]);
    const circ = { ...newAddedStage("circulation", template, " 回覧（事務） "), rule: { kind: "nOfM" as const, n: 2 } };
    const form = { ...emptyDraft("general"), added: [consult, circ] };
    expect(routeEdits(form, template).add).toEqual([
      consult,
      { after: "principal", kind: "circulation", label: "回覧（事務）", roles: ["clerk"], rule: { kind: "any" } },
    ]);
    const noAdding = { ...template, drafterMay: { ...template.drafterMay, addConsultation: false } };
    expect(routeEdits(form, noAdding).add?.map((a) => a.kind)).toEqual(["circulation"]);
  });

  it("an added stage needs a label, roles and a sensible N", () => {
    const stage = newAddedStage("consultation", template, "合議");
    expect(addedStageProblem(stage)).toBeNull();
    expect(addedStageProblem({ ...stage, label: " " })).toBe("label");
    expect(addedStageProblem({ ...stage, roles: [] })).toBe("roles");
    expect(addedStageProblem({ ...stage, rule: { kind: "nOfM", n: 0 } })).toBe("n");
    const form = { ...emptyDraft("general"), title: "t", categoryCode: "A-1", added: [{ ...stage, roles: [] }] };
    expect(draftProblems(form, false, "2026-11-20")).toEqual(["addedStage"]);
  });

  it("PDFs are main documents, Office files and images attachments", () => {
    expect(fileRole("計画.PDF")).toBe("main");
    expect(fileRole("scan.jpeg")).toBe("attachment");
    expect(fileRole("予算.xlsx")).toBe("attachment");
  });

  it("a correction sends only what changed", () => {
    const file = (uploadId: string) => ({
      uploadId,
      fileName: `${uploadId}.pdf`,
      size: 1,
      sha256: "x",
      mimeType: "application/pdf",
    });
    const before = {
      title: "修学旅行実施計画",
      summary: "",
      categoryCode: "A-1",
      classification: "III",
      dueDate: null,
      templateId: "general",
      main: file("u1"),
      attachments: [file("u2")],
      routeEdits: { remove: ["head-teacher"], add: [] },
    } as unknown as Approval;
    const form = draftFromApproval(before);
    expect(draftUpdateInput(form, before, template)).toEqual({});
    const changed = {
      ...form,
      title: "修学旅行実施計画（修正）",
      main: { uploadId: "u3", fileName: "v2.pdf", size: 2 },
    };
    expect(draftUpdateInput(changed, before, template)).toEqual({
      title: "修学旅行実施計画（修正）",
      mainUploadId: "u3",
    });
    const pages = [{ uploadId: "i2", fileName: "i2.png", size: 1 }];
    expect(
      draftUpdateInput({ ...form, main: { uploadId: "i1", fileName: "i1.png", size: 1 }, pages }, before, template),
    ).toEqual({ mainUploadId: "i1", pageImageUploadIds: ["i2"] });
    expect(draftUpdateInput({ ...form, removed: [] }, before, template)).toEqual({
      routeEdits: { remove: [], add: [] },
    });
    expect(draftUpdateInput({ ...form, attachments: [] }, before, template)).toEqual({ attachmentUploadIds: [] });
  });
});
