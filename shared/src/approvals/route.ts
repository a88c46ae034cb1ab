/**
 * Route templates (決裁ルート): stages that name roles (校務分掌), never persons, so a template
 * survives staff transfers (人事異動). People are resolved when the draft is submitted
 * (functions/src/approvals/submit: Graph group membership `komu-<schoolId>-<role>`).
 *
 * Stage kinds:
 *  - `approval`     a sequential step (e.g. 教務主任, 教頭): any one holder of the role decides;
 *  - `consultation` 合議: several people, the stage passes when `rule` is met (all / any / N of M);
 *  - `circulation`  回覧: for information only, never blocks the route;
 *  - `final`        the 決裁 step (usually 校長), last decision stage; may name a deputy role (代決).
 */
import { z } from "zod";
import { KomuError } from "../errors.js";
import { SchoolId } from "../principal.js";
import { Role } from "../roles.js";

/** Roles a route may name: school staff roles (never student, admin). */
export const RouteRole = Role.exclude(["student", "admin"]);
export type RouteRole = z.infer<typeof RouteRole>;

export const StageKind = z.enum(["approval", "consultation", "circulation", "final"]);
export type StageKind = z.infer<typeof StageKind>;

/** When a decision stage passes: every person, any one, or N of the M people resolved. */
export const StageRule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("any") }),
  z.object({ kind: z.literal("nOfM"), n: z.number().int().min(1).max(60) }),
]);
export type StageRule = z.infer<typeof StageRule>;

export const StageId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "stage id: lower-case letters, digits and hyphens (≤ 32)");

export const TemplateStage = z.object({
  id: StageId,
  kind: StageKind,
  /** Shown on the route and the seal row, e.g. 教頭, 合議（学年主任）. */
  label: z.string().trim().min(1).max(40),
  /** The people are the holders of these roles in the school when the draft is submitted. */
  roles: z.array(RouteRole).min(1).max(5),
  /** Ignored for `circulation`; `approval` and `final` are always `any` of the role's holders. */
  rule: StageRule.default({ kind: "any" }),
  /** The drafter may remove this stage (e.g. an optional 合議). */
  optional: z.boolean().default(false),
  /** Who may decide for the absent approver (代決, with a 後閲 notice): usually 教頭 for 校長. */
  deputyRole: RouteRole.optional(),
  /**
   * Specific people (Entra object ids) on a stage the drafter added (個別の合議・回覧先), on top of the
   * role holders. Templates name roles only (refused there).
   */
  people: z.array(z.string().min(1).max(128)).max(20).optional(),
});
export type TemplateStage = z.infer<typeof TemplateStage>;
export type TemplateStageInput = z.input<typeof TemplateStage>;

/** What the drafter may change on the template's route. */
export const DrafterMay = z.object({
  addConsultation: z.boolean().default(true),
  addCirculation: z.boolean().default(true),
  removeOptional: z.boolean().default(true),
});
export type DrafterMay = z.infer<typeof DrafterMay>;

/** Reminders to whoever's turn it is: first after `afterDays`, then every `repeatEveryDays`, at most `max`. */
export const ReminderPolicy = z.object({
  afterDays: z.number().int().min(1).max(60).default(3),
  repeatEveryDays: z.number().int().min(1).max(60).default(2),
  max: z.number().int().min(0).max(10).default(3),
});
export type ReminderPolicy = z.infer<typeof ReminderPolicy>;

const TemplateBody = z.object({
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(400).default(""),
  stages: z.array(TemplateStage).min(1).max(12),
  drafterMay: DrafterMay.default({ addConsultation: true, addCirculation: true, removeOptional: true }),
  reminders: ReminderPolicy.default({ afterDays: 3, repeatEveryDays: 2, max: 3 }),
  /** Days after submission when an undecided approval expires (null: never). */
  expiresAfterDays: z.number().int().min(1).max(365).nullable().default(60),
  /** Register that gives the 文書番号 at 決裁 (`dispatch` = 発送簿), or none. */
  numberRegister: z.enum(["dispatch"]).nullable().default("dispatch"),
  active: z.boolean().default(true),
});

function checkStages(stages: readonly TemplateStage[], ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  for (const s of stages) {
    if (ids.has(s.id)) ctx.addIssue({ code: "custom", message: `duplicate stage id ${s.id}`, path: ["stages"] });
    ids.add(s.id);
  }
  const decisions = stages.filter((s) => s.kind !== "circulation");
  const finals = stages.filter((s) => s.kind === "final");
  if (finals.length !== 1 || decisions.at(-1)?.kind !== "final")
    ctx.addIssue({ code: "custom", message: "exactly one final stage, the last decision stage", path: ["stages"] });
  if (finals.some((s) => s.optional))
    ctx.addIssue({ code: "custom", message: "the final stage cannot be optional", path: ["stages"] });
  if (stages.some((s) => (s.people?.length ?? 0) > 0))
    ctx.addIssue({ code: "custom", message: "templates name roles, not people", path: ["stages"] });
}

/** A template as created or replaced by a principal (or the board for `boe`). */
export const RouteTemplateInput = TemplateBody.superRefine((t, ctx) => checkStages(t.stages, ctx));
export type RouteTemplateInput = z.input<typeof RouteTemplateInput>;

export const RouteTemplate = TemplateBody.extend({
  id: z.string().min(1).max(64),
  /** The school, or `boe` for a template the board shares with every school. */
  schoolId: SchoolId,
  createdAt: z.iso.datetime({ offset: false }),
  updatedAt: z.iso.datetime({ offset: false }),
}).superRefine((t, ctx) => checkStages(t.stages, ctx));
export type RouteTemplate = z.infer<typeof RouteTemplate>;

/** Stages the drafter adds: only 合議 and 回覧, never after the final stage's decision is skipped. */
export const AddedStage = z
  .object({
    /** Insert after this stage of the template (null: first). */
    after: StageId.nullable(),
    kind: z.enum(["consultation", "circulation"]),
    label: z.string().trim().min(1).max(40),
    /** Roles whose holders are on the stage (may be empty when `people` names someone). */
    roles: z.array(RouteRole).max(5),
    /** Specific staff of the school (Entra object ids), checked when the draft is submitted. */
    people: z.array(z.string().min(1).max(128)).max(20).optional(),
    rule: StageRule.default({ kind: "all" }),
  })
  .superRefine((s, ctx) => {
    if (s.roles.length + (s.people?.length ?? 0) === 0)
      ctx.addIssue({ code: "custom", message: "name at least one role or person", path: ["roles"] });
  });
export type AddedStage = z.infer<typeof AddedStage>;

/** The drafter's changes to the template's route (checked against `drafterMay`). */
export const RouteEdits = z.object({
  remove: z.array(StageId).max(12).default([]),
  add: z.array(AddedStage).max(6).default([]),
});
export type RouteEdits = z.infer<typeof RouteEdits>;
export type RouteEditsInput = z.input<typeof RouteEdits>;

/**
 * The template's stages with the drafter's edits applied. Throws APPROVAL_ROUTE_EDIT_NOT_ALLOWED
 * for an edit the template does not allow (removing a required stage, adding a kind it forbids).
 */
export function applyRouteEdits(
  template: Pick<RouteTemplate, "stages" | "drafterMay">,
  edits: RouteEdits,
): TemplateStage[] {
  const refuse = (reason: string): never => {
    throw new KomuError("APPROVAL_ROUTE_EDIT_NOT_ALLOWED", { details: { reason } });
  };
  for (const id of edits.remove) {
    const stage = template.stages.find((s) => s.id === id);
    if (!stage) refuse(`unknown stage ${id}`);
    else if (!stage.optional || !template.drafterMay.removeOptional) refuse(`stage ${id} cannot be removed`);
  }
  const stages = template.stages.filter((s) => !edits.remove.includes(s.id));
  const finalIndex = () => stages.findIndex((s) => s.kind === "final");
  edits.add.forEach((added, i) => {
    if (added.kind === "consultation" && !template.drafterMay.addConsultation) refuse("adding 合議 is not allowed");
    if (added.kind === "circulation" && !template.drafterMay.addCirculation) refuse("adding 回覧 is not allowed");
    const at = added.after === null ? 0 : stages.findIndex((s) => s.id === added.after) + 1;
    if (at === 0 && added.after !== null) refuse(`unknown stage ${added.after}`);
    if (added.kind === "consultation" && at > finalIndex()) refuse("a 合議 must come before the final decision");
    stages.splice(at, 0, {
      id: `added-${i + 1}`,
      kind: added.kind,
      label: added.label,
      roles: added.roles,
      ...(added.people && added.people.length > 0 ? { people: added.people } : {}),
      rule: added.kind === "circulation" ? { kind: "any" } : added.rule,
      optional: true,
    });
  });
  return stages;
}
