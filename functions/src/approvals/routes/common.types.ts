/**
 * OpenAPI shapes of the approvals routes. The contract itself is the shared zod schemas
 * (@komu/shared approvals/api.ts): handlers parse bodies with them (VALIDATION_FAILED), and the
 * answers are built from them; here they are declared with @hono/zod-openapi's `z` for the docs.
 */
import { z } from "@hono/zod-openapi";
import { SchoolIdSchema } from "../../routes/common.types.js";

export const APPROVALS_TAG = "approvals";
export const SchoolParam = z.object({
  schoolId: SchoolIdSchema.openapi({ param: { name: "schoolId", in: "path" }, example: "aoba-e" }),
});
export const ApprovalParam = SchoolParam.extend({
  approvalId: z
    .string()
    .regex(/^a[a-z0-9]{1,16}-[a-f0-9]{10}$/, "approval id")
    .openapi({ param: { name: "approvalId", in: "path" }, example: "amg1x2y3z-0a1b2c3d4e" }),
});
export const TemplateParam = SchoolParam.extend({
  templateId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "template id")
    .openapi({ param: { name: "templateId", in: "path" }, example: "general" }),
});
export const IfMatchHeader = z.object({
  "if-match": z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: "if-match", in: "header" } }),
});

const person = z.object({ oid: z.string(), name: z.string() });
const json = z.record(z.string(), z.unknown());

/** A JSON body checked by the handler against the shared schema named in the description. */
export const jsonBody = (schemaName: string) => ({
  required: true,
  content: { "application/json": { schema: json.openapi({ description: `@komu/shared ${schemaName}` }) } },
});

export const ApprovalDetailSchema = z
  .object({
    approval: json.openapi({
      description: "@komu/shared Approval: document, route (stages, people, statuses), history",
    }),
    etag: z.string(),
    abilities: z.object({
      edit: z.boolean(),
      submit: z.boolean(),
      withdraw: z.boolean(),
      decide: z.boolean(),
      delegate: z.boolean(),
      stepToken: z.string().nullable(),
      returnTargets: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
    contentUrl: z.string().nullable(),
  })
  .openapi("ApprovalDetail");

export const ApprovalSummarySchema = z
  .object({
    id: z.string(),
    schoolId: z.string(),
    title: z.string(),
    drafter: person,
    status: z.enum(["draft", "inRoute", "returned", "withdrawn", "rejected", "approved", "expired"]),
    classification: z.enum(["I", "II", "III", "IV"]),
    dueDate: z.string().nullable(),
    currentStage: z.string().nullable(),
    waitingOn: z.array(person),
    myTurn: z.boolean(),
    number: z.string().nullable(),
    submittedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi("ApprovalSummary");

export const TemplateViewSchema = z
  .object({
    template: json.openapi({ description: "@komu/shared RouteTemplate" }),
    etag: z.string(),
    shared: z.boolean(),
  })
  .openapi("ApprovalTemplate");
