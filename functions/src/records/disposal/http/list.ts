import type { Endpoint } from "../../../http/types.js";
import { listDisposals } from "../read.js";
import { toDisposalView } from "../view.js";
import { listDisposalsRoute } from "./disposals.types.js";

export const listDisposalsEndpoint: Endpoint = {
  route: listDisposalsRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(listDisposalsRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const lists = await listDisposals(deps, c.get("principal"), schoolId);
      return c.json({ items: lists.map((l) => toDisposalView(l, c.get("principal"))) }, 200);
    });
  },
};
