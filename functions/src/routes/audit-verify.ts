import { ensureCan, KomuError } from "@komu/shared";
import { oncePerWindow } from "../audit/rate-limit.js";
import type { Endpoint } from "../http/types.js";
import { auditVerifyRoute } from "./audit-verify.types.js";

export const VERIFY_RECORD_WINDOW_MS = 60_000;

export const auditVerifyEndpoint: Endpoint = {
  route: auditVerifyRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    // One admin.auditVerified per (user, school, outcome) per minute: enough evidence of who
    // checked, and a refresh loop cannot grow the chain (per process; see audit/rate-limit.ts).
    const recorded = oncePerWindow(VERIFY_RECORD_WINDOW_MS);
    app.openapi(auditVerifyRoute, async (c) => {
      const { schoolId } = c.req.valid("query");
      ensureCan(c.get("principal"), "audit.verify", { schoolId });
      if (!(await deps.schools.get(schoolId)))
        throw new KomuError("NOT_FOUND", { details: { kind: "school", schoolId } });
      const principal = c.get("principal");
      const result = await deps.storage.audit.verify(schoolId);
      // Who checked the chain, and what they saw, is itself an audit event (after the check).
      // A different outcome (the chain broke meanwhile) is always recorded.
      const key = [principal.oid, schoolId, result.ok, result.firstBroken?.seq ?? ""].join("\n");
      if (recorded.allow(key, deps.clock())) {
        try {
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
        } catch (e) {
          recorded.forget(key);
          throw e;
        }
      }
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
