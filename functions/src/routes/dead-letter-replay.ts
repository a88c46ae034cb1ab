import { ensureCan } from "@komu/shared";
import type { Endpoint } from "../http/types.js";
import { replayDeadLetterRoute } from "./dead-letters.types.js";

export const replayDeadLetterEndpoint: Endpoint = {
  route: replayDeadLetterRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(replayDeadLetterRoute, async (c) => {
      const { id } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "outbox.deadLetters.replay");
      const result = await deps.storage.outbox.replay(id, { actor: { oid: principal.oid, name: principal.name } });
      deps.logger.info("dead letter replayed", {
        id,
        schoolId: result.schoolId,
        actor: principal.oid,
        requestId: c.get("requestId"),
      });
      return c.json({ id: result.id, schoolId: result.schoolId, status: "queued" as const }, 202);
    });
  },
};
