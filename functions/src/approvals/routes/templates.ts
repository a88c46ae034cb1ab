import { ensureCan, RouteEdits, RouteTemplateInput } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { previewTemplateRoute } from "../submit/preview-route.js";
import { listTemplates } from "../templates/list-templates.js";
import { saveTemplate } from "../templates/save-template.js";
import { approvalsOf, parseWith, requireIfMatch } from "./common.js";
import {
  createTemplateRoute,
  listTemplatesRoute,
  replaceTemplateRoute,
  templatePreviewRoute,
} from "./templates.types.js";

export const listTemplatesEndpoint: Endpoint = {
  route: listTemplatesRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(listTemplatesRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      ensureCan(c.get("principal"), "document.draft", { schoolId });
      return c.json({ items: await listTemplates(approvalsOf(deps).storage, schoolId) }, 200);
    });
  },
};

export const createTemplateEndpoint: Endpoint = {
  route: createTemplateRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 32 * 1024, required: true },
  register(app, deps) {
    app.openapi(createTemplateRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const input = parseWith(RouteTemplateInput, c.req.valid("json"));
      const view = await saveTemplate(approvalsOf(deps), { schoolId, principal: c.get("principal"), input });
      c.header("ETag", view.etag);
      return c.json(view, 201);
    });
  },
};

export const replaceTemplateEndpoint: Endpoint = {
  route: replaceTemplateRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 32 * 1024, required: true },
  register(app, deps) {
    app.openapi(replaceTemplateRoute, async (c) => {
      const { schoolId, templateId } = c.req.valid("param");
      const etag = requireIfMatch(c.req.header("if-match"));
      const input = parseWith(RouteTemplateInput, c.req.valid("json"));
      const view = await saveTemplate(approvalsOf(deps), {
        schoolId,
        principal: c.get("principal"),
        input,
        replace: { templateId, etag },
      });
      c.header("ETag", view.etag);
      return c.json(view, 200);
    });
  },
};

export const templatePreviewEndpoint: Endpoint = {
  route: templatePreviewRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 16 * 1024, required: true },
  register(app, deps) {
    app.openapi(templatePreviewRoute, async (c) => {
      const { schoolId, templateId } = c.req.valid("param");
      const edits = parseWith(RouteEdits, c.req.valid("json"));
      return c.json(
        await previewTemplateRoute(approvalsOf(deps), { schoolId, templateId, principal: c.get("principal"), edits }),
        200,
      );
    });
  },
};
