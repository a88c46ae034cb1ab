import type { Endpoint } from "../http/types.js";
import { MESSAGES_MAX_BYTES, messagesRoute } from "./messages.types.js";

export const messagesEndpoint: Endpoint = {
  route: messagesRoute,
  auth: "public",
  body: { kind: "json", maxBytes: MESSAGES_MAX_BYTES, required: true },
  register(app, deps) {
    app.openapi(messagesRoute, async (c) => {
      // The guard has read (size-limited) and checked the JSON; hand the bot a fresh Request.
      const raw = c.req.raw;
      const request = new Request(raw.url, { method: raw.method, headers: raw.headers, body: await c.req.text() });
      return (await deps.bot.handle(request)) as never;
    });
  },
};
