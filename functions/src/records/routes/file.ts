import { ensureCan, FileRecordInput, KomuError } from "@komu/shared";
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
      const parsed = FileRecordInput.safeParse(c.req.valid("json"));
      if (!parsed.success)
        throw new KomuError("VALIDATION_FAILED", {
          details: {
            target: "json",
            issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message })),
          },
        });
      const input = parsed.data;
      const { record, filed } = await fileRecord(recordsOf(deps), {
        schoolId,
        input,
        actor: actorOf(principal),
        stagedBy: principal.oid,
      });
      return c.json(toRecordView(record), filed ? 201 : 202);
    });
  },
};
