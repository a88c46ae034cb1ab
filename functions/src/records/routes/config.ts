/** File plan, settings and provisioning routes. */
import { ensureCan, FilePlan, KomuError, RecordsSettings, type SchoolKind } from "@komu/shared";
import type { AppDeps } from "../../deps.js";
import type { Endpoint } from "../../http/types.js";
import { getFilePlan, putFilePlan, toFilePlanView } from "../plan/file-plan.js";
import { getSettings, putSettings, toSettingsView } from "../plan/settings.js";
import { provisionSchool } from "../provision/provision-school.js";
import { recordsRepos, SETTINGS_ID } from "../repos.js";
import { actorOf, recordsOf, requireIfMatch } from "./common.js";
import {
  getFilePlanRoute,
  getSettingsRoute,
  provisionRoute,
  putFilePlanRoute,
  putSettingsRoute,
} from "./config.types.js";

function parsed<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; code: string; message: string }[] } };
  },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new KomuError("VALIDATION_FAILED", {
    details: {
      target: "json",
      issues: r.error.issues.map((i) => ({ path: i.path.map(String).join("."), code: i.code, message: i.message })),
    },
  });
}

export const getFilePlanEndpoint: Endpoint = {
  route: getFilePlanRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(getFilePlanRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      ensureCan(c.get("principal"), "document.read", { schoolId, classification: "IV" });
      return c.json(toFilePlanView(await getFilePlan(recordsOf(deps), schoolId)), 200);
    });
  },
};

export const putFilePlanEndpoint: Endpoint = {
  route: putFilePlanRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 256 * 1024, required: true },
  register(app, deps) {
    app.openapi(putFilePlanRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "records.filePlan.edit", { schoolId });
      const plan = parsed(FilePlan, c.req.valid("json"));
      const row = await putFilePlan(
        recordsOf(deps),
        principal,
        schoolId,
        plan,
        requireIfMatch(c.req.header("if-match")),
      );
      return c.json(toFilePlanView(row), 200);
    });
  },
};

export const getSettingsEndpoint: Endpoint = {
  route: getSettingsRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(getSettingsRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      ensureCan(c.get("principal"), "document.read", { schoolId, classification: "IV" });
      return c.json(toSettingsView(await getSettings(recordsOf(deps), schoolId)), 200);
    });
  },
};

export const putSettingsEndpoint: Endpoint = {
  route: putSettingsRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 4 * 1024, required: true },
  register(app, deps) {
    app.openapi(putSettingsRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "records.filePlan.edit", { schoolId });
      const input = parsed(RecordsSettings, c.req.valid("json"));
      const row = await putSettings(
        recordsOf(deps),
        principal,
        schoolId,
        input,
        requireIfMatch(c.req.header("if-match")),
      );
      return c.json(toSettingsView(row), 200);
    });
  },
};

/** 青葉小学校 → elementary; 青葉中学校 → juniorHigh; …教育委員会 → board. */
function kindFromName(name: string): SchoolKind | undefined {
  if (name.endsWith("小学校")) return "elementary";
  if (name.endsWith("中学校")) return "juniorHigh";
  if (name.endsWith("教育委員会")) return "board";
  return undefined;
}

async function schoolToProvision(
  deps: AppDeps,
  schoolId: string,
  body: { abbreviation?: string | undefined; kind?: SchoolKind | undefined },
) {
  const school = await deps.schools.get(schoolId);
  if (!school) throw new KomuError("NOT_FOUND", { details: { kind: "school", schoolId } });
  const existing = await recordsRepos(recordsOf(deps).storage).settings.get(schoolId, SETTINGS_ID);
  const kind = body.kind ?? existing?.data.schoolKind ?? kindFromName(school.name);
  const abbreviation =
    body.abbreviation ?? existing?.data.abbreviation ?? school.name.replace(/学校$/, "").slice(0, 12);
  if (!kind)
    throw new KomuError("VALIDATION_FAILED", {
      details: {
        target: "json",
        issues: [{ path: "kind", code: "required", message: "学校種別を指定してください / give the school kind" }],
      },
    });
  return { schoolId, name: school.name, abbreviation, kind };
}

export const provisionEndpoint: Endpoint = {
  route: provisionRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 1024, required: false },
  register(app, deps) {
    app.openapi(provisionRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "records.provision", { schoolId });
      const text = await c.req.text();
      const body = text.trim() ? (c.req.valid("json") ?? {}) : {};
      const school = await schoolToProvision(deps, schoolId, body);
      const report = await provisionSchool(recordsOf(deps), school, {
        dryRun: body.dryRun === true,
        actor: actorOf(principal),
      });
      return c.json(report, 200);
    });
  },
};
