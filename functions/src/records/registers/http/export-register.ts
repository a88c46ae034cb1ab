import type { Endpoint } from "../../../http/types.js";
import { auditListRead } from "../../read/audit-list.js";
import { WITHHELD } from "../entry-view.js";
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
      const principal = c.get("principal");
      const out = await exportRegister(deps, principal, schoolId, register, fiscalYear);
      await auditListRead(
        deps.storage,
        principal,
        schoolId,
        "export",
        out.entries
          .filter((e) => e.title !== WITHHELD)
          .map((e) => ({ id: `${e.register}-${e.fiscalYear}-${e.serial}`, classification: e.classification })),
      );
      return c.body(new Uint8Array(out.bytes), 200, {
        "Content-Type": XLSX_TYPE,
        "Content-Disposition": contentDisposition(out.fileName, out.asciiFileName),
        "Cache-Control": "no-store",
      });
    });
  },
};
