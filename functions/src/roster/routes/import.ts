import { ensureCan, KomuError } from "@komu/shared";
import type { AppDeps } from "../../deps.js";
import type { Endpoint } from "../../http/types.js";
import { createGraphStudentAccounts } from "../accounts.js";
import { importRoster, type RosterImportDeps } from "../import-roster.js";
import { requireSchool } from "./common.js";
import { importGuardiansRoute, importStudentsRoute, ROSTER_CSV_MAX_BYTES } from "./import.types.js";

const importDeps = (deps: AppDeps): RosterImportDeps => ({
  storage: deps.storage,
  accounts: createGraphStudentAccounts(deps.graph),
  logger: deps.logger,
  onImported: (schoolId) => deps.roster?.invalidate?.(schoolId),
});

const tooLarge = () =>
  new KomuError("PAYLOAD_TOO_LARGE", {
    details: { maxBytes: ROSTER_CSV_MAX_BYTES },
    message: {
      ja: "名簿の CSV が大きすぎます（上限 5 MB）。学校ごとに出力してください。",
      en: "The roster CSV is too large (limit 5 MB). Export one school at a time.",
    },
  });

function importEndpoint(file: "students" | "guardians"): Endpoint {
  const route = file === "students" ? importStudentsRoute : importGuardiansRoute;
  return {
    route,
    auth: "required",
    body: { kind: "binary", maxBytes: ROSTER_CSV_MAX_BYTES, tooLarge },
    register(app, deps) {
      app.openapi(route, async (c) => {
        const { schoolId } = c.req.valid("param");
        const { confirmDeactivation } = c.req.valid("query");
        const principal = c.get("principal");
        ensureCan(principal, "roster.import", { schoolId });
        await requireSchool(deps, schoolId);
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        if (bytes.byteLength === 0) throw new KomuError("FILE_EMPTY");
        const report = await importRoster(importDeps(deps), {
          schoolId,
          [file]: bytes,
          actor: { oid: principal.oid, name: principal.name },
          source: "api",
          confirmDeactivation: confirmDeactivation === "true",
        });
        return c.json(report, 200);
      });
    },
  };
}

export const importStudentsEndpoint = importEndpoint("students");
export const importGuardiansEndpoint = importEndpoint("guardians");
