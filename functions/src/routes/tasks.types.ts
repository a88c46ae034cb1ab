import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses, LocalizedText } from "./common.types.js";

export const TaskSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    kind: z.string(),
    title: LocalizedText,
    detail: LocalizedText.optional(),
    schoolId: z.string().optional(),
    createdAt: z.string().optional(),
    dueAt: z.string().optional(),
    href: z.string().optional(),
    priority: z.enum(["high", "normal", "low"]),
  })
  .openapi("Task");

export const TaskList = z
  .object({
    items: z.array(TaskSchema),
    /** Sources that failed this time (their tasks are missing). */
    incomplete: z.array(z.string()),
  })
  .openapi("TaskList");

export const tasksRoute = createRoute({
  method: "get",
  path: "/api/tasks",
  tags: ["home"],
  summary: "自分のタスク / My tasks",
  description: "ホーム画面の「対応が必要なこと」。 What needs the caller's attention, for the home page.",
  security: BEARER_SECURITY,
  responses: {
    200: { description: "OK", content: { "application/json": { schema: TaskList } } },
    ...errorResponses(...AUTHENTICATED_ERRORS),
  },
});
