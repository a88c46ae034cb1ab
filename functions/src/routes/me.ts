import { ensureCan } from "@komu/shared";
import type { Endpoint } from "../http/types.js";
import { meRoute } from "./me.types.js";
import { schoolName } from "./school-name.js";

export const meEndpoint: Endpoint = {
  route: meRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(meRoute, async (c) => {
      const principal = c.get("principal");
      ensureCan(principal, "profile.read");
      const schools = await Promise.all(
        principal.memberships.map(async (m) => ({
          id: m.schoolId,
          name: await schoolName(deps, c.get("schoolNames"), m.schoolId),
          roles: m.roles,
          staff: m.staff,
        })),
      );
      return c.json(
        {
          oid: principal.oid,
          tenantId: principal.tenantId,
          name: principal.name,
          upn: principal.upn,
          kind: principal.kind,
          roles: principal.roles,
          schools,
        },
        200,
      );
    });
  },
};
