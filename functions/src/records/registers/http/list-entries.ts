import type { Endpoint } from "../../../http/types.js";
import { listEntries } from "../list-entries.js";
import { listEntriesRoute } from "./registers.types.js";

export const listEntriesEndpoint: Endpoint = {
  route: listEntriesRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(listEntriesRoute, async (c) => {
      const { schoolId, register } = c.req.valid("param");
      const { fiscalYear } = c.req.valid("query");
      return c.json(await listEntries(deps, c.get("principal"), schoolId, register, fiscalYear), 200);
    });
  },
};
