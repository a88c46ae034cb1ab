import { ResponseInput } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { assignedSurveys } from "../respond/assigned.js";
import { getMyResponse, putMyResponse } from "../respond/my-response.js";
import { parseWith, surveysOf } from "./common.js";
import { assignedSurveysRoute, getMyResponseRoute, putMyResponseRoute } from "./respond.types.js";

export const assignedSurveysEndpoint: Endpoint = {
  route: assignedSurveysRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(assignedSurveysRoute, async (c) => {
      const items = await assignedSurveys(surveysOf(deps), c.get("principal"));
      return c.json({ items: items.map(({ recipient: _r, ...item }) => item) }, 200);
    });
  },
};

export const getMyResponseEndpoint: Endpoint = {
  route: getMyResponseRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(getMyResponseRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      return c.json(await getMyResponse(surveysOf(deps), { schoolId, surveyId, principal: c.get("principal") }), 200);
    });
  },
};

export const putMyResponseEndpoint: Endpoint = {
  route: putMyResponseRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 256 * 1024, required: true },
  register(app, deps) {
    app.openapi(putMyResponseRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const input = parseWith(ResponseInput, c.req.valid("json"));
      return c.json(
        await putMyResponse(surveysOf(deps), { schoolId, surveyId, principal: c.get("principal"), input }),
        200,
      );
    });
  },
};
