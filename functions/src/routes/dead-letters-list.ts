import { ensureCan } from "@komu/shared";
import type { Endpoint } from "../http/types.js";
import { listDeadLettersRoute } from "./dead-letters.types.js";

export const listDeadLettersEndpoint: Endpoint = {
  route: listDeadLettersRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(listDeadLettersRoute, async (c) => {
      const { schoolId, limit } = c.req.valid("query");
      ensureCan(c.get("principal"), "outbox.deadLetters.read", schoolId ? { schoolId } : {});
      const letters = await deps.storage.outbox.listDeadLetters(schoolId, limit);
      const items = letters.map((d) => ({
        id: d.id,
        schoolId: d.schoolId,
        kind: d.kind,
        attempts: d.attempts,
        lastError: d.lastError,
        createdAt: d.createdAt,
        ...(d.lastAttemptAt ? { lastAttemptAt: d.lastAttemptAt } : {}),
        deadLetteredAt: d.deadLetteredAt,
      }));
      return c.json({ items }, 200);
    });
  },
};
