import type { Endpoint } from "../../../http/types.js";
import { auditListRead } from "../../read/audit-list.js";
import { WITHHELD } from "../entry-view.js";
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
      const principal = c.get("principal");
      const page = await listEntries(deps, principal, schoolId, register, fiscalYear);
      // Lines whose subject was withheld were not read; the others of class I/II were.
      const shown = page.items.filter((e) => e.title !== WITHHELD);
      await auditListRead(
        deps.storage,
        principal,
        schoolId,
        "register",
        shown.map((e) => ({ id: `${e.register}-${e.fiscalYear}-${e.serial}`, classification: e.classification })),
      );
      return c.json(page, 200);
    });
  },
};
