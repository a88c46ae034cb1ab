import type { Endpoint } from "../../../http/types.js";
import { proposeDisposal } from "../propose.js";
import { toDisposalView } from "../view.js";
import { proposeRoute } from "./disposals.types.js";

export const proposeEndpoint: Endpoint = {
  route: proposeRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 512 * 1024, required: true },
  register(app, deps) {
    app.openapi(proposeRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const created = await proposeDisposal(deps, c.get("principal"), schoolId, c.req.valid("json"));
      return c.json(toDisposalView(created, c.get("principal")), 201);
    });
  },
};
