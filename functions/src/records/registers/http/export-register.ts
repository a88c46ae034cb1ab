import type { Endpoint } from "../../../http/types.js";
import { contentDisposition, exportRegister } from "../export-register.js";
import { XLSX_TYPE } from "../export-workbook.js";
import { exportRegisterRoute } from "./registers.types.js";

export const exportRegisterEndpoint: Endpoint = {
  route: exportRegisterRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(exportRegisterRoute, async (c) => {
      const { schoolId, register } = c.req.valid("param");
      const { fiscalYear } = c.req.valid("query");
      const out = await exportRegister(deps, c.get("principal"), schoolId, register, fiscalYear);
      return c.body(new Uint8Array(out.bytes), 200, {
        "Content-Type": XLSX_TYPE,
        "Content-Disposition": contentDisposition(out.fileName, out.asciiFileName),
        "Cache-Control": "no-store",
      });
    });
  },
};
