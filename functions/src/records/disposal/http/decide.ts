import type { Endpoint } from "../../../http/types.js";
import { decideDisposal } from "../decide.js";
import { toDisposalView } from "../view.js";
import { decideRoute } from "./disposals.types.js";

export const decideEndpoint: Endpoint = {
  route: decideRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 8 * 1024, required: true },
  register(app, deps) {
    app.openapi(decideRoute, async (c) => {
      const { schoolId, disposalId } = c.req.valid("param");
      const decided = await decideDisposal(
        deps,
        c.get("principal"),
        schoolId,
        disposalId,
        c.req.valid("json"),
        c.req.valid("header")["if-match"],
      );
      return c.json(toDisposalView(decided, c.get("principal")), 200);
    });
  },
};
