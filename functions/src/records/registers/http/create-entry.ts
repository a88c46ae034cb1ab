import type { Endpoint } from "../../../http/types.js";
import { toEntryView } from "../entry-view.js";
import { registerEntry } from "../register-entry.js";
import { createEntryRoute } from "./registers.types.js";
import { registerDepsOf } from "./wiring.js";

export const createEntryEndpoint: Endpoint = {
  route: createEntryRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 16 * 1024, required: true },
  register(app, deps) {
    app.openapi(createEntryRoute, async (c) => {
      const { schoolId, register } = c.req.valid("param");
      const principal = c.get("principal");
      const { entry, status } = await registerEntry(
        registerDepsOf(deps),
        principal,
        schoolId,
        register,
        c.req.valid("json"),
      );
      return c.json(toEntryView(entry, principal, status), 201);
    });
  },
};
