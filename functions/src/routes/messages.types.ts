import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "./common.types.js";

/** The activity is validated by the bot itself; this only documents the shape. */
export const ActivityDoc = z
  .object({ type: z.string().openapi({ example: "message" }) })
  .passthrough()
  .openapi("BotActivity");

export const messagesRoute = createRoute({
  method: "post",
  path: "/api/messages",
  tags: ["bot"],
  summary: "Bot Framework のメッセージ受信 / Bot messaging endpoint",
  description:
    "Teams（Bot Connector）からのアクティビティ。Bot Framework のトークンをボットが検証します（ユーザーのトークンではありません）。 Activities from the Bot Connector; the bot validates the Bot Framework token itself.",
  security: [],
  responses: {
    200: { description: "Handled (invoke answers carry a body)" },
    ...errorResponses(400, 401, 413, 415),
  },
});

/** Activities are small; 256 KB leaves room for invoke payloads with card data. */
export const MESSAGES_MAX_BYTES = 256 * 1024;
