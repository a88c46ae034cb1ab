/** POST …/surveys/forms and POST …/surveys/{id}/forms-sync (thin: parse, call the use case, answer). */
import { FormsRegisterInput } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { parseWith, surveysOf } from "../routes/common.js";
import { registerForms } from "./register-forms.js";
import { formsRegisterRoute, formsSyncRoute } from "./routes.types.js";
import { syncForms } from "./sync-forms.js";

export const formsRegisterEndpoint: Endpoint = {
  route: formsRegisterRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 16 * 1024, required: true },
  register(app, deps) {
    app.openapi(formsRegisterRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const input = parseWith(FormsRegisterInput, c.req.valid("json"));
      const surveys = surveysOf(deps);
      const result = await registerForms(
        surveys,
        surveys.graph.forUser(c.get("bearer")),
        c.get("principal"),
        schoolId,
        input,
      );
      c.header("ETag", result.survey.etag);
      return c.json(result.survey, 201);
    });
  },
};

export const formsSyncEndpoint: Endpoint = {
  route: formsSyncRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(formsSyncRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const surveys = surveysOf(deps);
      const result = await syncForms(
        surveys,
        surveys.graph.forUser(c.get("bearer")),
        c.get("principal"),
        schoolId,
        surveyId,
      );
      c.header("ETag", result.survey.etag);
      return c.json(result, 200);
    });
  },
};
