import {
  type Attendee,
  MeetingInput,
  type MeetingInputRaw,
  type MeetingType,
  type MeetingView,
  type Role,
} from "@komu/shared";
import { jstToUtc, utcToJst } from "../../format/jst-input.js";
import { type AgendaRow, parseMinutes } from "./agenda.js";

/** The create/edit form as typed (times JST, minutes as text). */
export interface MeetingForm {
  type: MeetingType;
  title: string;
  date: string;
  start: string;
  end: string;
  place: string;
  online: boolean;
  allStaff: boolean;
  roles: Role[];
  /** Named staff members (picked from the staff list). */
  people: Attendee[];
  agenda: AgendaRow[];
  sharingDays: string;
}

export function emptyForm(date: string): MeetingForm {
  return {
    type: "staffMeeting",
    title: "",
    date,
    start: "15:30",
    end: "17:00",
    place: "",
    online: true,
    allStaff: true,
    roles: [],
    people: [],
    agenda: [],
    sharingDays: "14",
  };
}

/** A meeting's form for editing. Presenter names come from the view; people's names from its attendees where known. */
export function formFromView(view: MeetingView): MeetingForm {
  const s = utcToJst(view.startsAt);
  const e = utcToJst(view.endsAt);
  const names = new Map(view.attendees.map((a) => [a.oid, a.name]));
  return {
    type: view.type,
    title: view.title,
    date: s.date,
    start: s.time,
    end: e.time,
    place: view.place,
    online: view.online,
    allStaff: view.attendeeSpec.allStaff,
    roles: [...view.attendeeSpec.roles],
    people: view.attendeeSpec.people.map((oid) => ({ oid, name: names.get(oid) ?? oid })),
    agenda: view.agenda.map((a) => ({
      id: a.id,
      title: a.title,
      presenterOid: a.presenterOid,
      presenterName: a.presenterName,
      minutes: String(a.minutes),
      materialIds: [...a.materialIds],
      note: a.note,
    })),
    sharingDays: String(view.confidentialSharingDays),
  };
}

/**
 * The form as the API's MeetingInput. The end time is on the meeting's date (a meeting does not
 * run past midnight); invalid numbers are sent as NaN-free placeholders that the schema refuses.
 */
export function inputFromForm(form: MeetingForm): MeetingInputRaw {
  const days = /^\d{1,3}$/.test(form.sharingDays.trim()) ? Number(form.sharingDays.trim()) : -1;
  return {
    type: form.type,
    title: form.title.trim(),
    startsAt: jstToUtc(form.date, form.start) ?? "",
    endsAt: jstToUtc(form.date, form.end) ?? "",
    place: form.place.trim(),
    online: form.online,
    attendees: { allStaff: form.allStaff, roles: form.roles, people: form.people.map((p) => p.oid) },
    agenda: form.agenda.map((a) => ({
      id: a.id,
      title: a.title.trim(),
      presenterOid: a.presenterOid,
      presenterName: a.presenterName,
      minutes: parseMinutes(a.minutes) ?? 0,
      materialIds: a.materialIds,
      note: a.note.trim(),
    })),
    confidentialSharingDays: days,
  };
}

/** Problems by field path ("title", "agenda.2.minutes", "attendees" …). */
export type FieldProblems = Map<string, string>;

const add = (m: FieldProblems, key: string, message: string) => {
  if (!m.has(key)) m.set(key, message);
};

/** "ja / en" messages of the shared schema's refinements → the part in the current language. */
export function localMessage(message: string, lang: "ja" | "en"): string {
  const at = message.indexOf(" / ");
  if (at < 0) return message;
  return lang === "ja" ? message.slice(0, at) : message.slice(at + 3);
}

/** Field path as the form shows it: the time fields map startsAt → start, endsAt → end. */
export function formPath(path: readonly (string | number | symbol)[]): string {
  const key = path.map(String).join(".");
  if (key === "startsAt") return "start";
  if (key === "endsAt") return "end";
  if (key === "confidentialSharingDays") return "sharingDays";
  if (key.startsWith("attendees")) return "attendees";
  return key;
}

/** The server's VALIDATION_FAILED `details.issues` ({ path, message }) by form path. */
export function problemsFromIssues(details: unknown, lang: "ja" | "en"): FieldProblems {
  const out: FieldProblems = new Map();
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return out;
  for (const issue of issues) {
    if (typeof issue !== "object" || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const parts = Array.isArray(path) ? path : typeof path === "string" ? path.split(".") : [];
    add(out, formPath(parts), localMessage(typeof message === "string" ? message : "", lang));
  }
  return out;
}

export interface FormMessages {
  required: string;
  invalid: string;
  time: string;
  minutes: string;
  sharingDays: string;
}

/** The form checked as the server will (the shared MeetingInput, with its agenda-within-the-meeting rule). */
export function checkForm(
  form: MeetingForm,
  lang: "ja" | "en",
  messages: FormMessages,
): { input: MeetingInputRaw; problems: FieldProblems } {
  const input = inputFromForm(form);
  const problems: FieldProblems = new Map();
  if (!jstToUtc(form.date, form.start)) add(problems, form.date ? "start" : "date", messages.time);
  if (!jstToUtc(form.date, form.end)) add(problems, "end", messages.time);
  form.agenda.forEach((a, i) => {
    if (parseMinutes(a.minutes) === null) add(problems, `agenda.${i}.minutes`, messages.minutes);
  });
  if (input.confidentialSharingDays === -1) add(problems, "sharingDays", messages.sharingDays);
  const parsed = MeetingInput.safeParse(input);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = formPath(issue.path);
      if (problems.has(path)) continue;
      const custom = issue.code === "custom";
      const empty = issue.code === "too_small" && /title$/.test(path);
      add(problems, path, custom ? localMessage(issue.message, lang) : empty ? messages.required : messages.invalid);
    }
  return { input, problems };
}
