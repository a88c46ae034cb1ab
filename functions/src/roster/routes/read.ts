import { ensureCan, KomuError } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { requireSchool, rosterOf } from "./common.js";
import { classesRoute, studentsRoute } from "./read.types.js";

export const rosterClassesEndpoint: Endpoint = {
  route: classesRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(classesRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      ensureCan(c.get("principal"), "roster.read", { schoolId });
      await requireSchool(deps, schoolId);
      return c.json({ schoolId, classes: await rosterOf(deps).classes(schoolId) }, 200);
    });
  },
};

export const rosterStudentsEndpoint: Endpoint = {
  route: studentsRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(studentsRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const query = c.req.valid("query");
      ensureCan(c.get("principal"), "roster.read", { schoolId });
      if (query.class !== undefined && query.grade === undefined)
        throw new KomuError("VALIDATION_FAILED", {
          details: { issues: [{ path: "class", message: "class needs grade" }] },
          message: { ja: "組を指定するときは学年も指定してください。", en: "Give the grade together with the class." },
        });
      await requireSchool(deps, schoolId);
      const groups =
        query.grade === undefined
          ? undefined
          : [{ grade: query.grade, ...(query.class ? { class: query.class } : {}) }];
      return c.json({ schoolId, students: await rosterOf(deps).students(schoolId, groups) }, 200);
    });
  },
};
