/** GET …/results, GET …/export?format=, POST …/archive (thin: parse, call the use case, answer). */
import { ArchiveInput } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { contentDisposition } from "../../records/registers/export-register.js";
import { parseWith, surveysOf } from "../routes/common.js";
import { archiveSurvey } from "./archive-survey.js";
import { exportSurvey } from "./export-survey.js";
import { getResults } from "./get-results.js";
import { archiveRoute, exportRoute, resultsRoute } from "./routes.types.js";

export const resultsEndpoint: Endpoint = {
  route: resultsRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(resultsRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const { view } = await getResults(surveysOf(deps), c.get("principal"), schoolId, surveyId);
      c.header("Cache-Control", "no-store");
      return c.json(view, 200);
    });
  },
};

export const exportEndpoint: Endpoint = {
  route: exportRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(exportRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const { format } = c.req.valid("query");
      const out = await exportSurvey(surveysOf(deps), c.get("principal"), schoolId, surveyId, format);
      return c.body(out.bytes as Uint8Array<ArrayBuffer>, 200, {
        "Content-Type": out.contentType,
        "Content-Disposition": contentDisposition(out.fileName, out.asciiFileName),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
    });
  },
};

export const archiveEndpoint: Endpoint = {
  route: archiveRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 4 * 1024, required: true },
  register(app, deps) {
    app.openapi(archiveRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const input = parseWith(ArchiveInput, c.req.valid("json"));
      const result = await archiveSurvey(surveysOf(deps), c.get("principal"), schoolId, surveyId, input);
      return c.json(result, 200);
    });
  },
};
