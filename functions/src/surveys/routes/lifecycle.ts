import { RemindInput, SurveyDeadlineInput } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { answeredCount } from "../drafts/list-surveys.js";
import { changeDeadline, closeSurvey } from "../open/close-survey.js";
import { openSurvey } from "../open/open-survey.js";
import { remindSurvey } from "../remind/remind.js";
import { trackSurvey } from "../tracking/track-survey.js";
import { surveyView } from "../view.js";
import { parseWith, requireIfMatch, surveysOf } from "./common.js";
import {
  closeSurveyRoute,
  openSurveyRoute,
  remindRoute,
  surveyDeadlineRoute,
  trackingRoute,
} from "./lifecycle.types.js";

export const openSurveyEndpoint: Endpoint = {
  route: openSurveyRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(openSurveyRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const etag = requireIfMatch(c.req.header("if-match"));
      const surveys = surveysOf(deps);
      const row = await openSurvey(surveys, { schoolId, surveyId, principal: c.get("principal"), etag });
      c.header("ETag", row.etag);
      return c.json(surveyView(row, await answeredCount(surveys, row)), 200);
    });
  },
};

export const closeSurveyEndpoint: Endpoint = {
  route: closeSurveyRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(closeSurveyRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const etag = requireIfMatch(c.req.header("if-match"));
      const surveys = surveysOf(deps);
      const row = await closeSurvey(surveys, { schoolId, surveyId, principal: c.get("principal"), etag });
      c.header("ETag", row.etag);
      return c.json(surveyView(row, await answeredCount(surveys, row)), 200);
    });
  },
};

export const surveyDeadlineEndpoint: Endpoint = {
  route: surveyDeadlineRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 4 * 1024, required: true },
  register(app, deps) {
    app.openapi(surveyDeadlineRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const etag = requireIfMatch(c.req.header("if-match"));
      const { deadline } = parseWith(SurveyDeadlineInput, c.req.valid("json"));
      const surveys = surveysOf(deps);
      const row = await changeDeadline(surveys, {
        schoolId,
        surveyId,
        principal: c.get("principal"),
        etag,
        deadline,
      });
      c.header("ETag", row.etag);
      return c.json(surveyView(row, await answeredCount(surveys, row)), 200);
    });
  },
};

export const trackingEndpoint: Endpoint = {
  route: trackingRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(trackingRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      return c.json(await trackSurvey(surveysOf(deps), { schoolId, surveyId, principal: c.get("principal") }), 200);
    });
  },
};

export const remindEndpoint: Endpoint = {
  route: remindRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 200 * 1024, required: true },
  register(app, deps) {
    app.openapi(remindRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const input = parseWith(RemindInput, c.req.valid("json"));
      const result = await remindSurvey(surveysOf(deps), {
        schoolId,
        surveyId,
        principal: c.get("principal"),
        ...(input.keys ? { keys: input.keys } : {}),
        idempotencyKey: c.req.header("idempotency-key"),
      });
      return c.json(result, 200);
    });
  },
};
