import type { Endpoint } from "../../../http/types.js";
import { readDisposal } from "../read.js";
import { toDisposalView } from "../view.js";
import { getDisposalRoute } from "./disposals.types.js";

export const getDisposalEndpoint: Endpoint = {
  route: getDisposalRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(getDisposalRoute, async (c) => {
      const { schoolId, disposalId } = c.req.valid("param");
      const found = await readDisposal(deps, c.get("principal"), schoolId, disposalId);
      return c.json(toDisposalView(found, c.get("principal")), 200);
    });
  },
};
