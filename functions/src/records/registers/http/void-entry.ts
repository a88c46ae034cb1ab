import type { Endpoint } from "../../../http/types.js";
import { toEntryView } from "../entry-view.js";
import { voidEntry } from "../void-entry.js";
import { voidEntryRoute } from "./registers.types.js";

export const voidEntryEndpoint: Endpoint = {
  route: voidEntryRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 4 * 1024, required: true },
  register(app, deps) {
    app.openapi(voidEntryRoute, async (c) => {
      const { schoolId, register, fiscalYear, serial } = c.req.valid("param");
      const principal = c.get("principal");
      const voided = await voidEntry(deps, principal, schoolId, {
        register,
        fiscalYear,
        serial,
        reason: c.req.valid("json").reason,
        ifMatch: c.req.valid("header")["if-match"],
      });
      return c.json(toEntryView(voided, principal), 200);
    });
  },
};
