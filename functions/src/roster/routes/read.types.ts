import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { ROSTER_TAG, SchoolParam } from "./common.types.js";

export const RosterClassSchema = z
  .object({
    grade: z.number().int(),
    class: z.number().int(),
    students: z.number().int().openapi({ description: "在籍する児童生徒の数 / active students" }),
    guardians: z.number().int().openapi({ description: "その保護者の数 / their active guardians" }),
  })
  .openapi("RosterClass");

export const RosterStudentSchema = z
  .object({
    studentNumber: z.string().openapi({ description: "学籍番号" }),
    grade: z.number().int(),
    class: z.number().int(),
    number: z.number().int().openapi({ description: "出席番号" }),
    name: z.string().openapi({ example: "和田 澪" }),
    kana: z.string().openapi({ example: "ワダ ミオ" }),
    oid: z
      .string()
      .nullable()
      .openapi({ description: "Entra のユーザー（未照合は null） / the Entra user, null when unmatched" }),
  })
  .openapi("RosterStudent");

export const classesRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/roster/classes",
  tags: [ROSTER_TAG],
  summary: "学年・組の一覧 / Classes of the roster",
  description:
    "学年・組ごとの在籍数と保護者数（学年・組の順）。 Each class with its number of active students and guardians, by grade then class.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam },
  responses: {
    200: {
      description: "OK",
      content: {
        "application/json": {
          schema: z.object({ schoolId: z.string(), classes: z.array(RosterClassSchema) }).openapi("RosterClasses"),
        },
      },
    },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});

export const StudentsQuery = z.object({
  grade: z.coerce.number().int().min(1).max(6).optional().openapi({ description: "学年" }),
  class: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .optional()
    .openapi({ description: "組（学年と一緒に指定） / with grade" }),
});

export const studentsRoute = createRoute({
  method: "get",
  path: "/api/schools/{schoolId}/roster/students",
  tags: [ROSTER_TAG],
  summary: "児童生徒の名簿 / Students by grade and class",
  description:
    "在籍中の児童生徒（学年・組・出席番号の順）。保護者の連絡先は含みません。 Active students in 学年・組・出席番号 order; no guardians' contact data.",
  security: BEARER_SECURITY,
  request: { params: SchoolParam, query: StudentsQuery },
  responses: {
    200: {
      description: "OK",
      content: {
        "application/json": {
          schema: z.object({ schoolId: z.string(), students: z.array(RosterStudentSchema) }).openapi("RosterStudents"),
        },
      },
    },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});
