import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses, SchoolIdSchema } from "./common.types.js";

export const DeadLetterSchema = z
  .object({
    id: z.string(),
    schoolId: z.string(),
    kind: z.string().openapi({ example: "bot.sendCard" }),
    attempts: z.number().int(),
    lastError: z.string(),
    createdAt: z.string(),
    lastAttemptAt: z.string().optional(),
    deadLetteredAt: z.string(),
  })
  .openapi("DeadLetter");

export const DeadLetterList = z.object({ items: z.array(DeadLetterSchema) }).openapi("DeadLetterList");

export const DeadLetterListQuery = z.object({
  schoolId: SchoolIdSchema.optional().openapi({ param: { name: "schoolId", in: "query" }, example: "aoba-e" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .openapi({ param: { name: "limit", in: "query" }, example: 100 }),
});

export const listDeadLettersRoute = createRoute({
  method: "get",
  path: "/api/admin/outbox/dead-letters",
  tags: ["admin"],
  summary: "配信できなかった処理 / Dead letters of the outbox",
  description:
    "再試行しても配信できなかった副作用（通知・Graph 書き込み）。内容（payload）は返しません。管理者のみ。 Side effects that kept failing; payloads are not returned. Administrators only.",
  security: BEARER_SECURITY,
  request: { query: DeadLetterListQuery },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: DeadLetterList } } },
    ...errorResponses(400, ...AUTHENTICATED_ERRORS),
  },
});

export const DeadLetterIdParam = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{40}$/, "40 lower-case hex characters")
    .openapi({ param: { name: "id", in: "path" }, example: "3f786850e387550fdab836ed7e6dc881de23001b" }),
});

export const ReplayResponse = z
  .object({ id: z.string(), schoolId: z.string(), status: z.literal("queued") })
  .openapi("DeadLetterReplay");

export const replayDeadLetterRoute = createRoute({
  method: "post",
  path: "/api/admin/outbox/dead-letters/{id}/replay",
  tags: ["admin"],
  summary: "処理の再実行 / Replay a dead letter",
  description:
    "試行回数を戻してもう一度キューに入れます。繰り返し呼んでも安全です。処理中の場合は 409。管理者のみ。 Queues it again with its attempts reset; safe to repeat. 409 while an attempt still holds the effect. Administrators only.",
  security: BEARER_SECURITY,
  request: { params: DeadLetterIdParam },
  responses: {
    202: { description: "Queued", content: { "application/json": { schema: ReplayResponse } } },
    ...errorResponses(400, 404, 409, ...AUTHENTICATED_ERRORS),
  },
});
