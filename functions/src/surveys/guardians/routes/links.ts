/** The school's side of guardians' links: the list with QR codes, and reissuing one link. */
import type { Endpoint } from "../../../http/types.js";
import { surveysOf } from "../../routes/common.js";
import { listGuardianLinks } from "../list-links.js";
import { reissueLink } from "../reissue-link.js";
import { guardianLinksRoute, reissueLinkRoute } from "./links.types.js";

export const guardianLinksEndpoint: Endpoint = {
  route: guardianLinksRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(guardianLinksRoute, async (c) => {
      const { schoolId, surveyId } = c.req.valid("param");
      const { pending } = c.req.valid("query");
      const body = await listGuardianLinks(surveysOf(deps), {
        principal: c.get("principal"),
        schoolId,
        surveyId,
        pendingOnly: pending === "true",
      });
      return c.json(body, 200);
    });
  },
};

export const reissueLinkEndpoint: Endpoint = {
  route: reissueLinkRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(reissueLinkRoute, async (c) => {
      const { schoolId, surveyId, key } = c.req.valid("param");
      const body = await reissueLink(surveysOf(deps), { principal: c.get("principal"), schoolId, surveyId, key });
      return c.json(body, 200);
    });
  },
};
