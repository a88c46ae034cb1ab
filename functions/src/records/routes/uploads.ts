import { ensureCan, KomuError } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { decodeFileNameHeader, fileTooLarge, stageUpload } from "../staging/stage-upload.js";
import { actorOf, recordsOf } from "./common.js";
import { uploadRoute } from "./uploads.types.js";

export const uploadEndpoint: Endpoint = {
  route: uploadRoute,
  auth: "required",
  body: {
    kind: "binary",
    maxBytes: (deps) => recordsOf(deps).config.maxFileBytes,
    tooLarge: (maxBytes) => fileTooLarge(maxBytes),
  },
  register(app, deps) {
    app.openapi(uploadRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "records.file", { schoolId });
      if (!(await deps.schools.get(schoolId)))
        throw new KomuError("NOT_FOUND", { details: { kind: "school", schoolId } });
      const fileName = decodeFileNameHeader(c.req.header("x-komu-file-name"));
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const view = await stageUpload(recordsOf(deps), { schoolId, fileName, bytes, actor: actorOf(principal) });
      return c.json(view, 201);
    });
  },
};
