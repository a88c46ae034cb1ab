import { AudiencePreviewInput, ensureCan, SURVEY_TEMPLATES, SurveyCreateInput, SurveyUpdateInput } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { loadSurveyFor } from "../access.js";
import { previewAudience } from "../audience/preview-audience.js";
import { createSurvey } from "../drafts/create-survey.js";
import { answeredCount, listSurveys } from "../drafts/list-surveys.js";
import { deleteSurvey, updateSurvey } from "../drafts/update-survey.js";
import { surveyView } from "../view.js";
import { parseWith, requireIfMatch, surveysOf } from "./common.js";
import {
  audiencePreviewRoute,
  createSurveyRoute,
  deleteSurveyRoute,
  getSurveyRoute,
  listSurveysRoute,
  surveyTemplatesRoute,
  updateSurveyRoute,
} from "./drafts.types.js";

export const listSurveysEndpoint: Endpoint = {
  route: listSurveysRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(listSurveysRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const { status } = c.req.valid("query");
      const list = await listSurveys(surveysOf(deps), {
        schoolId,
        principal: c.get("principal"),
        ...(status ? { status } : {}),
      });
      return c.json(list, 200);
    });
  },
};

export const createSurveyEndpoint: Endpoint = {
  route: createSurveyRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 128 * 1024, required: true },
  register(app, deps) {
    app.openapi(createSurveyRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "survey.create", { schoolId });
      const input = parseWith(SurveyCreateInput, c.req.valid("json"));
      const row = await createSurvey(surveysOf(deps), { schoolId, principal, input });
      c.header("ETag", row.etag);
      return c.json(surveyView(row), 201);
    });
  },
};

export const surveyTemplatesEndpoint: Endpoint = {
  route: surveyTemplatesRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(surveyTemplatesRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      ensureCan(c.get("principal"), "survey.create", { schoolId });
      // A fresh definition each time, its deadline a week from now at 17:00 JST (the author changes it).
      const now = deps.clock();
      const week = new Date(now.getTime() + 7 * 86_400_000 + 9 * 3600_000);
      const deadline = new Date(
        Date.UTC(week.getUTCFullYear(), week.getUTCMonth(), week.getUTCDate(), 17 - 9),
      ).toISOString();
      const items = SURVEY_TEMPLATES.map((t) => ({
        id: t.id,
        name: { ...t.name },
        definition: structuredClone({
          title: t.title,
          description: t.description,
          questions: t.questions,
          anonymous: t.anonymous,
          deadline,
          audience: t.audience,
          reminders: t.reminders,
          templateId: t.id,
        }),
      }));
      return c.json({ items }, 200);
    });
  },
};

export const audiencePreviewEndpoint: Endpoint = {
  route: audiencePreviewRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 16 * 1024, required: true },
  register(app, deps) {
    app.openapi(audiencePreviewRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const input = parseWith(AudiencePreviewInput, c.req.valid("json"));
      return c.json(await previewAudience(surveysOf(deps), { schoolId, principal: c.get("principal"), input }), 200);
    });
  },
};

export const getSurveyEndpoint: Endpoint = {
  route: getSurveyRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(getSurveyRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const surveys = surveysOf(deps);
      const row = await loadSurveyFor(surveys, c.get("principal"), schoolId, surveyId, "read");
      c.header("ETag", row.etag);
      return c.json(surveyView(row, await answeredCount(surveys, row)), 200);
    });
  },
};

export const updateSurveyEndpoint: Endpoint = {
  route: updateSurveyRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 128 * 1024, required: true },
  register(app, deps) {
    app.openapi(updateSurveyRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const etag = requireIfMatch(c.req.header("if-match"));
      const input = parseWith(SurveyUpdateInput, c.req.valid("json"));
      const row = await updateSurvey(surveysOf(deps), {
        schoolId,
        surveyId,
        principal: c.get("principal"),
        input,
        etag,
      });
      c.header("ETag", row.etag);
      return c.json(surveyView(row), 200);
    });
  },
};

export const deleteSurveyEndpoint: Endpoint = {
  route: deleteSurveyRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(deleteSurveyRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const etag = requireIfMatch(c.req.header("if-match"));
      await deleteSurvey(surveysOf(deps), { schoolId, surveyId, principal: c.get("principal"), etag });
      return c.body(null, 204);
    });
  },
};
