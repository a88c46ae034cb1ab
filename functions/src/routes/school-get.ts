import { ensureCan, KomuError } from "@komu/shared";
import type { Endpoint } from "../http/types.js";
import { getSchoolRoute } from "./schools.types.js";

export const getSchoolEndpoint: Endpoint = {
  route: getSchoolRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(getSchoolRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      // Access first: a school one may not see is 403 whether or not it exists.
      ensureCan(c.get("principal"), "school.read", { schoolId });
      const school = await deps.schools.get(schoolId);
      if (!school) throw new KomuError("NOT_FOUND", { details: { kind: "school", schoolId } });
      return c.json(school, 200);
    });
  },
};
