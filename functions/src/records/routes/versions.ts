import { ensureCan } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { readRecord } from "../read/access.js";
import { recordVersions } from "../read/versions.js";
import { addVersion } from "../versions/add-version.js";
import { toRecordView } from "../view.js";
import { recordsOf, requireIfMatch } from "./common.js";
import { addVersionRoute, listVersionsRoute } from "./versions.types.js";

export const listVersionsEndpoint: Endpoint = {
  route: listVersionsRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(listVersionsRoute, async (c) => {
      const { schoolId, recordId } = c.req.valid("param");
      const records = recordsOf(deps);
      const row = await readRecord(records, c.get("principal"), schoolId, recordId, "versions");
      return c.json({ items: await recordVersions(records, row) }, 200);
    });
  },
};

export const addVersionEndpoint: Endpoint = {
  route: addVersionRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 1024, required: true },
  register(app, deps) {
    app.openapi(addVersionRoute, async (c) => {
      const { schoolId, recordId } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "records.file", { schoolId });
      const ifMatch = requireIfMatch(c.req.header("if-match"));
      const records = recordsOf(deps);
      const row = await readRecord(records, principal, schoolId, recordId, "metadata");
      const { record, done } = await addVersion(records, row, c.req.valid("json").uploadId, ifMatch, principal.oid);
      return c.json(toRecordView(record), done ? 201 : 202);
    });
  },
};
