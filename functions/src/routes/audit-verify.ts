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
      if (!(await deps.schools.get(schoolId)))
        throw new KomuError("NOT_FOUND", { details: { kind: "school", schoolId } });
      const principal = c.get("principal");
      const result = await deps.storage.audit.verify(schoolId);
      // Who checked the chain, and what they saw, is itself an audit event (after the check).
      await deps.storage.audit.append(schoolId, {
        kind: "admin.auditVerified",
        actor: { oid: principal.oid, name: principal.name },
        target: { kind: "school", id: schoolId },
        data: {
          ok: result.ok,
          checked: result.checked,
          ...(result.firstBroken ? { firstBroken: result.firstBroken } : {}),
        },
      });
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
