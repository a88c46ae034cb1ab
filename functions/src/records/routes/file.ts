import { ensureCan, FileRecordInput } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { fileRecord } from "../filing/file-record.js";
import { toRecordView } from "../view.js";
import { actorOf, recordsOf } from "./common.js";
import { fileRecordRoute } from "./file.types.js";

export const fileRecordEndpoint: Endpoint = {
  route: fileRecordRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 16 * 1024, required: true },
  register(app, deps) {
    app.openapi(fileRecordRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "records.file", { schoolId });
      const input = FileRecordInput.parse(c.req.valid("json"));
      const { record, filed } = await fileRecord(recordsOf(deps), { schoolId, input, actor: actorOf(principal) });
      return c.json(toRecordView(record), filed ? 201 : 202);
    });
  },
};
