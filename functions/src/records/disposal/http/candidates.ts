import { ensureCan, fiscalYearOf } from "@komu/shared";
import type { Endpoint } from "../../../http/types.js";
import { disposalCandidates } from "../candidates.js";
import { toDisposalItemView } from "../view.js";
import { candidatesRoute } from "./disposals.types.js";

export const candidatesEndpoint: Endpoint = {
  route: candidatesRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(candidatesRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      ensureCan(c.get("principal"), "records.disposal.propose", { schoolId });
      const fiscalYear = c.req.valid("query").fiscalYear ?? fiscalYearOf(deps.clock());
      const items = await disposalCandidates(deps, schoolId, fiscalYear);
      return c.json({ fiscalYear, items: items.map((i) => toDisposalItemView(i, c.get("principal"), schoolId)) }, 200);
    });
  },
};
