import {
  ArchiveResult,
  AssignedSurveys,
  type AudienceInput,
  AudiencePreview,
  type FormsRegisterInput,
  FormsSyncResult,
  GuardianLink,
  GuardianLinks,
  MyResponse,
  RemindResult,
  type ResponseInput,
  ResultsView,
  type SurveyDefinitionInput,
  SurveyList,
  SurveyView,
  TemplateList,
  TrackingView,
} from "@komu/shared";
import { z } from "zod";
import type { ApiClient, BlobAnswer } from "../../api/client.js";

const seg = encodeURIComponent;

/** A new idempotency key per user action (a retry of the same action reuses it). */
export const newKey = (): string => crypto.randomUUID();

/** GET …/roster/classes (the roster module; 404 until the school's roster is imported). */
export const RosterClasses = z.object({
  schoolId: z.string(),
  classes: z.array(
    z.object({
      grade: z.number().int(),
      class: z.number().int(),
      students: z.number().int(),
      guardians: z.number().int(),
    }),
  ),
});
export type RosterClasses = z.infer<typeof RosterClasses>;

const Empty = z.unknown();

type Current = Pick<SurveyView, "id" | "etag">;

/**
 * The surveys routes of one school (shared zod contract: shared/src/surveys/api.ts). Changes carry
 * the survey's ETag in If-Match; 「リマインド」 carries an Idempotency-Key made once per click.
 */
export function surveysApi(api: ApiClient, schoolId: string) {
  const school = `/api/schools/${seg(schoolId)}`;
  const base = `${school}/surveys`;
  const one = (id: string) => `${base}/${seg(id)}`;
  const ifMatch = (c: Current) => ({ "If-Match": c.etag });
  return {
    schoolId,
    list: () => api.get(base, SurveyList),
    assigned: () => api.get("/api/surveys/assigned", AssignedSurveys),
    templates: () => api.get(`${base}/templates`, TemplateList),
    rosterClasses: () => api.get(`${school}/roster/classes`, RosterClasses),
    preview: (audience: AudienceInput) => api.send("POST", `${base}/audience-preview`, { audience }, AudiencePreview),
    get: (id: string) => api.get(one(id), SurveyView),
    create: (def: SurveyDefinitionInput) => api.send("POST", base, def, SurveyView),
    update: (c: Current, def: SurveyDefinitionInput) => api.send("PUT", one(c.id), def, SurveyView, ifMatch(c)),
    remove: (c: Current) => api.send("DELETE", one(c.id), undefined, Empty, ifMatch(c)),
    open: (c: Current) => api.send("POST", `${one(c.id)}/open`, {}, SurveyView, ifMatch(c)),
    close: (c: Current) => api.send("POST", `${one(c.id)}/close`, {}, SurveyView, ifMatch(c)),
    deadline: (c: Current, deadline: string) =>
      api.send("POST", `${one(c.id)}/deadline`, { deadline }, SurveyView, ifMatch(c)),
    tracking: (id: string) => api.get(`${one(id)}/tracking`, TrackingView),
    remind: (id: string, idempotencyKey: string, keys?: string[]) =>
      api.send("POST", `${one(id)}/remind`, keys ? { keys } : {}, RemindResult, { "Idempotency-Key": idempotencyKey }),
    guardianLinks: (id: string, pending: boolean) =>
      api.get(`${one(id)}/guardian-links?pending=${pending}`, GuardianLinks),
    reissueLink: (id: string, key: string) =>
      api.send("POST", `${one(id)}/recipients/${seg(key)}/reissue-link`, {}, GuardianLink),
    myResponse: (id: string) => api.get(`${one(id)}/my-response`, MyResponse),
    saveResponse: (id: string, input: ResponseInput) => api.send("PUT", `${one(id)}/my-response`, input, MyResponse),
    results: (id: string) => api.get(`${one(id)}/results`, ResultsView),
    exportFile: (id: string, format: "csv" | "xlsx"): Promise<BlobAnswer> =>
      api.blob(`${one(id)}/export?format=${format}`),
    archive: (id: string, categoryCode: string) =>
      api.send("POST", `${one(id)}/archive`, { categoryCode }, ArchiveResult),
    registerForms: (input: z.input<typeof FormsRegisterInput>) => api.send("POST", `${base}/forms`, input, SurveyView),
    formsSync: (id: string) => api.send("POST", `${one(id)}/forms-sync`, {}, FormsSyncResult),
  };
}

export type SurveysApi = ReturnType<typeof surveysApi>;
