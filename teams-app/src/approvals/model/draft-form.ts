import type {
  AddedStage,
  Approval,
  Classification,
  DraftCreateInput,
  DraftUpdateInput,
  RouteEditsInput,
  RouteRole,
  RouteTemplate,
  StageRule,
} from "@komu/shared";

export interface StagedFile {
  uploadId: string;
  fileName: string;
  size: number;
}

/** The drafting form (起案) as the user fills it. */
export interface DraftForm {
  title: string;
  summary: string;
  categoryCode: string;
  classification: Classification | null;
  dueDate: string;
  templateId: string;
  main: StagedFile | null;
  /** When the main document is an image: more images, one PDF page each after it (in order). */
  pages: StagedFile[];
  attachments: StagedFile[];
  /** Optional template stages the drafter removed. */
  removed: string[];
  /** 合議 / 回覧 stages the drafter added (where the template allows it). */
  added: AddedStage[];
}

export const emptyDraft = (templateId = ""): DraftForm => ({
  title: "",
  summary: "",
  categoryCode: "",
  classification: null,
  dueDate: "",
  templateId,
  main: null,
  pages: [],
  attachments: [],
  removed: [],
  added: [],
});

export type DraftProblem = "title" | "category" | "template" | "main" | "dueDate" | "addedStage";

/** What is missing to save (title, 文書分類, route) and, to submit, also the main document. */
export function draftProblems(form: DraftForm, forSubmit: boolean, today: string): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!form.title.trim()) out.push("title");
  if (!form.categoryCode) out.push("category");
  if (!form.templateId) out.push("template");
  if (form.dueDate && !/^\d{4}-\d{2}-\d{2}$/.test(form.dueDate)) out.push("dueDate");
  else if (form.dueDate && forSubmit && form.dueDate < today) out.push("dueDate");
  if (forSubmit && !form.main) out.push("main");
  if (form.added.some((a) => addedStageProblem(a) !== null)) out.push("addedStage");
  return out;
}

/** The template's stages the drafter may remove (optional ones, when the template allows it). */
export function removableStages(template: Pick<RouteTemplate, "stages" | "drafterMay">): string[] {
  if (!template.drafterMay.removeOptional) return [];
  return template.stages.filter((s) => s.optional && s.kind !== "final").map((s) => s.id);
}

export type AddedStageProblem = "label" | "roles" | "n" | null;

/** An added stage needs a label and at least one role; N of M needs 1 ≤ N. */
export function addedStageProblem(stage: AddedStage): AddedStageProblem {
  if (!stage.label.trim()) return "label";
  if (stage.roles.length === 0) return "roles";
  if (stage.kind === "consultation" && stage.rule.kind === "nOfM" && !(stage.rule.n >= 1)) return "n";
  return null;
}

/** Where an added stage may go: first, or after one of the template's stages (a 合議 not after the final decision). */
export function addedStagePositions(
  kind: AddedStage["kind"],
  template: Pick<RouteTemplate, "stages">,
): { after: string | null; label: string | null }[] {
  const finalIndex = template.stages.findIndex((s) => s.kind === "final");
  const stages = kind === "consultation" ? template.stages.slice(0, Math.max(0, finalIndex)) : template.stages;
  return [{ after: null, label: null }, ...stages.map((s) => ({ after: s.id, label: s.label }))];
}

/** A new added stage of `kind`: a 合議 goes just before the final decision, a 回覧 at the end. */
export function newAddedStage(
  kind: AddedStage["kind"],
  template: Pick<RouteTemplate, "stages">,
  label: string,
): AddedStage {
  const after = addedStagePositions(kind, template).at(-1)?.after ?? null;
  const roles: RouteRole[] = kind === "consultation" ? ["gradeHead"] : ["clerk"];
  const rule: StageRule = { kind: "all" };
  return { after, kind, label, roles, rule };
}

export function routeEdits(
  form: DraftForm,
  template: Pick<RouteTemplate, "stages" | "drafterMay"> | undefined,
): RouteEditsInput {
  const removable = template ? removableStages(template) : [];
  const may = template?.drafterMay;
  const add = form.added
    .filter((a) => (a.kind === "consultation" ? may?.addConsultation : may?.addCirculation))
    .map((a) => ({ ...a, label: a.label.trim(), rule: a.kind === "circulation" ? { kind: "any" as const } : a.rule }));
  return { remove: form.removed.filter((id) => removable.includes(id)), add };
}

/** The body of POST …/approvals (a new draft). */
export function draftCreateInput(
  form: DraftForm,
  template: Pick<RouteTemplate, "stages" | "drafterMay"> | undefined,
): DraftCreateInput {
  return {
    templateId: form.templateId,
    title: form.title.trim(),
    summary: form.summary.trim(),
    categoryCode: form.categoryCode,
    ...(form.classification ? { classification: form.classification } : {}),
    dueDate: form.dueDate || null,
    mainUploadId: form.main?.uploadId ?? null,
    ...(form.main && form.pages.length > 0 ? { pageImageUploadIds: form.pages.map((p) => p.uploadId) } : {}),
    attachmentUploadIds: form.attachments.map((a) => a.uploadId),
    routeEdits: routeEdits(form, template),
  };
}

/** The form as it starts for an approval being corrected (起案中, 差し戻し, 引戻し). */
export function draftFromApproval(a: Approval): DraftForm {
  return {
    title: a.title,
    summary: a.summary,
    categoryCode: a.categoryCode,
    classification: a.classification,
    dueDate: a.dueDate ?? "",
    templateId: a.templateId,
    main: a.main,
    pages: [],
    attachments: a.attachments,
    removed: a.routeEdits.remove,
    added: a.routeEdits.add,
  };
}

/** The body of PATCH …/approvals/{id}: only what changed (files by uploadId, in order). */
export function draftUpdateInput(
  form: DraftForm,
  before: Approval,
  template: Pick<RouteTemplate, "stages" | "drafterMay"> | undefined,
): DraftUpdateInput {
  const out: DraftUpdateInput = {};
  const full = draftCreateInput(form, template);
  if (full.templateId !== before.templateId) out.templateId = full.templateId;
  if (full.title !== before.title) out.title = full.title;
  if ((full.summary ?? "") !== before.summary) out.summary = full.summary ?? "";
  if (full.categoryCode !== before.categoryCode) out.categoryCode = full.categoryCode;
  if (form.classification && form.classification !== before.classification) out.classification = form.classification;
  if ((full.dueDate ?? null) !== before.dueDate) out.dueDate = full.dueDate ?? null;
  if ((full.mainUploadId ?? null) !== (before.main?.uploadId ?? null) || full.pageImageUploadIds) {
    out.mainUploadId = full.mainUploadId ?? null;
    if (full.pageImageUploadIds) out.pageImageUploadIds = full.pageImageUploadIds;
  }
  const ids = full.attachmentUploadIds ?? [];
  if (ids.join("\n") !== before.attachments.map((a) => a.uploadId).join("\n")) out.attachmentUploadIds = ids;
  const edits = routeEdits(form, template);
  const same =
    (edits.remove ?? []).join("\n") === before.routeEdits.remove.join("\n") &&
    JSON.stringify(edits.add ?? []) === JSON.stringify(before.routeEdits.add);
  if (!same || out.templateId) out.routeEdits = edits;
  return out;
}

/** Is this file the main document (a PDF) or a supplement (Office, images, …)? */
export function fileRole(name: string): "main" | "attachment" {
  return /\.pdf$/i.test(name) ? "main" : "attachment";
}
