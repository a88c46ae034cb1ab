import { can, hasTownScope } from "@komu/shared";
import type { Endpoint } from "../http/types.js";
import { schoolName } from "./school-name.js";
import { listSchoolsRoute } from "./schools.types.js";

export const listSchoolsEndpoint: Endpoint = {
  route: listSchoolsRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(listSchoolsRoute, async (c) => {
      const principal = c.get("principal");
      if (hasTownScope(principal, "school.read")) {
        return c.json({ items: await deps.schools.list() }, 200);
      }
      const own = principal.schools.filter((schoolId) => can(principal, "school.read", { schoolId }));
      const items = await Promise.all(
        own.map(async (id) => ({ id, name: await schoolName(deps, c.get("schoolNames"), id) })),
      );
      return c.json({ items }, 200);
    });
  },
};
