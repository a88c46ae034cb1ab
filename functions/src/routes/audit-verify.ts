import { ensureCan, KomuError } from "@komu/shared";
import type { Endpoint } from "../http/types.js";
import { auditVerifyRoute } from "./audit-verify.types.js";

export const auditVerifyEndpoint: Endpoint = {
  route: auditVerifyRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(auditVerifyRoute, async (c) => {
      const { schoolId } = c.req.valid("query");
      ensureCan(c.get("principal"), "audit.verify", { schoolId });
      if (!(await deps.schools.get(schoolId))) throw new KomuError("NOT_FOUND", { details: { kind: "school", schoolId } });
      const result = await deps.storage.audit.verify(schoolId);
      return c.json(
        {
          schoolId,
          ok: result.ok,
          checked: result.checked,
          lastSeq: result.lastSeq,
          ...(result.firstBroken ? { firstBroken: result.firstBroken } : {}),
        },
        200,
      );
    });
  },
};
