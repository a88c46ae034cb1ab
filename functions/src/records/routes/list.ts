import { ensureCan } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { auditListRead } from "../read/audit-list.js";
import { listRecords } from "../search/list-records.js";
import { recordsOf } from "./common.js";
import { listRecordsRoute } from "./list.types.js";

export const listRecordsEndpoint: Endpoint = {
  route: listRecordsRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(listRecordsRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "document.read", { schoolId, classification: "IV" });
      const page = await listRecords(recordsOf(deps), principal, schoolId, c.req.valid("query"));
      await auditListRead(deps.storage, principal, schoolId, "list", page.items);
      return c.json(page, 200);
    });
  },
};
