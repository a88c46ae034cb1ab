import type { Endpoint } from "../../http/types.js";
import { readRecord } from "../read/access.js";
import { recordContent } from "../read/content.js";
import { toRecordView } from "../view.js";
import { recordsOf } from "./common.js";
import { contentRoute, getRecordRoute } from "./get.types.js";

export const getRecordEndpoint: Endpoint = {
  route: getRecordRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(getRecordRoute, async (c) => {
      const { schoolId, recordId } = c.req.valid("param");
      const row = await readRecord(recordsOf(deps), c.get("principal"), schoolId, recordId, "metadata");
      return c.json(toRecordView(row), 200);
    });
  },
};

export const recordContentEndpoint: Endpoint = {
  route: contentRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(contentRoute, async (c) => {
      const { schoolId, recordId } = c.req.valid("param");
      const records = recordsOf(deps);
      const row = await readRecord(records, c.get("principal"), schoolId, recordId, "content");
      return (await recordContent(records, row)) as never;
    });
  },
};
