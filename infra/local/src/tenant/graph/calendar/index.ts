/**
 * Calendar (Exchange) subset of the local tenant: events with Teams online meetings and
 * standalone online meetings. Mounted under /v1.0 by the core (`register(app, ctx)`).
 * Not SharePoint: no resource-unit charges.
 */
import type { Context } from "hono";
import { GraphError, type TenantApp, type TenantContext, type TenantVariables } from "../../context.js";
import { applyQuery, collectionBody, parseQuery, readOptions } from "../odata.js";
import {
  type Attendee,
  createOnlineMeeting,
  type EventRecord,
  events,
  findUser,
  newChangeKey,
  newEventId,
  newICalUId,
  onlineMeetings,
} from "./model.js";
import { serializeEvent, serializeOnlineMeeting } from "./serialize.js";
import { preferredZone, toInstant } from "./timezone.js";

type C = Context<{ Variables: TenantVariables }>;

const invalid = (message: string) => new GraphError(400, "ErrorInvalidRequest", message);

function userOf(ctx: TenantContext, c: C): string {
  const param = c.req.param("userId");
  if (param) return findUser(ctx, param).id;
  const caller = c.get("caller");
  if (!caller?.userId)
    throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  return findUser(ctx, caller.userId).id;
}

async function body(c: C): Promise<Record<string, unknown>> {
  try {
    const parsed = (await c.req.json()) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    return parsed as Record<string, unknown>;
  } catch {
    throw new GraphError(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
}

function parseAttendees(value: unknown): Attendee[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid("attendees must be an array.");
  return value.map((a: { type?: unknown; emailAddress?: { address?: unknown; name?: unknown } }) => {
    const address = a?.emailAddress?.address;
    if (typeof address !== "string" || !address.includes("@"))
      throw invalid("Each attendee needs emailAddress.address.");
    return {
      type: typeof a.type === "string" ? a.type : "required",
      emailAddress: { ...(typeof a.emailAddress?.name === "string" ? { name: a.emailAddress.name } : {}), address },
      status: { response: "none", time: "0001-01-01T00:00:00Z" },
    };
  });
}

function applyPatch(ctx: TenantContext, e: EventRecord, b: Record<string, unknown>): void {
  if (b.subject !== undefined) e.subject = String(b.subject ?? "");
  if (b.body !== undefined) {
    const bd = b.body as { contentType?: unknown; content?: unknown };
    e.body = { contentType: String(bd?.contentType ?? "text").toLowerCase(), content: String(bd?.content ?? "") };
  }
  if (b.start !== undefined) {
    e.startUtc = toInstant(b.start, "start");
    e.originalStartTimeZone = String((b.start as { timeZone?: unknown }).timeZone ?? "UTC");
  }
  if (b.end !== undefined) {
    e.endUtc = toInstant(b.end, "end");
    e.originalEndTimeZone = String((b.end as { timeZone?: unknown }).timeZone ?? "UTC");
  }
  if (e.endUtc < e.startUtc) throw invalid("The end of the event must not be before its start.");
  if (b.location !== undefined)
    e.location = { displayName: String((b.location as { displayName?: unknown })?.displayName ?? "") };
  if (b.attendees !== undefined) e.attendees = parseAttendees(b.attendees);
  if (Array.isArray(b.categories)) e.categories = b.categories.map(String);
  for (const key of ["importance", "sensitivity", "showAs", "onlineMeetingProvider"] as const)
    if (typeof b[key] === "string") e[key] = b[key] as string;
  for (const key of [
    "isAllDay",
    "isReminderOn",
    "allowNewTimeProposals",
    "responseRequested",
    "isOnlineMeeting",
  ] as const) {
    if (typeof b[key] === "boolean") e[key] = b[key] as boolean;
  }
  if (typeof b.reminderMinutesBeforeStart === "number") e.reminderMinutesBeforeStart = b.reminderMinutesBeforeStart;
  if (e.isOnlineMeeting && e.onlineMeetingProvider === "unknown") e.onlineMeetingProvider = "teamsForBusiness";
  if (e.isOnlineMeeting && !e.onlineMeetingId) {
    if (e.onlineMeetingProvider !== "teamsForBusiness")
      throw invalid(`Online meeting provider '${e.onlineMeetingProvider}' is not supported (teamsForBusiness).`);
    e.onlineMeetingId = createOnlineMeeting(ctx, e.userId, {
      subject: e.subject,
      startDateTime: new Date(e.startUtc).toISOString(),
      endDateTime: new Date(e.endUtc).toISOString(),
      eventId: e.id,
    }).id;
  }
}

function findEvent(ctx: TenantContext, userId: string, id: string): EventRecord {
  const e = events(ctx).get(id);
  if (!e || e.userId !== userId)
    throw new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
  return e;
}

const collectionFor = (ctx: TenantContext, c: C, rows: EventRecord[], zone: string) => {
  const query = parseQuery(readOptions(new URL(c.req.url)));
  const requestUrl = `${ctx.config.origin}${new URL(c.req.url).pathname}${new URL(c.req.url).search}`;
  const items = rows.sort((a, b) => a.startUtc - b.startUtc).map((e) => serializeEvent(ctx, e, zone));
  for (const item of items) delete item["@odata.context"];
  const page = applyQuery(items, query, { requestUrl, defaultPageSize: 10 });
  return collectionBody(page, `${ctx.config.origin}/v1.0/$metadata#users('${rows[0]?.userId ?? ""}')/events`);
};

export function register(app: TenantApp, ctx: TenantContext): void {
  for (const base of ["/users/:userId", "/me"]) {
    for (const eventsPath of [`${base}/events`, `${base}/calendar/events`]) {
      app.post(eventsPath, async (c) => {
        const userId = userOf(ctx, c);
        const b = await body(c);
        if (b.start === undefined || b.end === undefined) throw invalid("start and end are required.");
        // transactionId: a client's retry of the same create gets the event it already made, not a second one.
        const transactionId =
          typeof b.transactionId === "string" && b.transactionId !== "" ? b.transactionId : undefined;
        const earlier = transactionId
          ? [...events(ctx).values()].find((x) => x.userId === userId && x.transactionId === transactionId)
          : undefined;
        if (earlier) return c.json(serializeEvent(ctx, earlier, preferredZone(c.req.header("Prefer"))), 201);
        const now = ctx.now().toISOString();
        const e: EventRecord = {
          id: newEventId(),
          userId,
          changeKey: newChangeKey(),
          iCalUId: newICalUId(),
          createdDateTime: now,
          lastModifiedDateTime: now,
          subject: "",
          body: { contentType: "text", content: "" },
          startUtc: 0,
          endUtc: 0,
          originalStartTimeZone: "UTC",
          originalEndTimeZone: "UTC",
          location: { displayName: "" },
          attendees: [],
          categories: [],
          importance: "normal",
          sensitivity: "normal",
          showAs: "busy",
          isAllDay: false,
          isCancelled: false,
          isReminderOn: true,
          reminderMinutesBeforeStart: 15,
          allowNewTimeProposals: true,
          responseRequested: true,
          isOnlineMeeting: false,
          onlineMeetingProvider: "unknown",
          ...(transactionId ? { transactionId } : {}),
        };
        applyPatch(ctx, e, b);
        events(ctx).set(e.id, e);
        ctx.store.changed();
        return c.json(serializeEvent(ctx, e, preferredZone(c.req.header("Prefer"))), 201);
      });
      app.get(eventsPath, (c) => {
        const userId = userOf(ctx, c);
        const rows = [...events(ctx).values()].filter((e) => e.userId === userId);
        return c.json(collectionFor(ctx, c, rows, preferredZone(c.req.header("Prefer"))));
      });
      app.get(`${eventsPath}/:eventId`, (c) => {
        const e = findEvent(ctx, userOf(ctx, c), c.req.param("eventId"));
        return c.json(serializeEvent(ctx, e, preferredZone(c.req.header("Prefer"))));
      });
      app.patch(`${eventsPath}/:eventId`, async (c) => {
        const e = findEvent(ctx, userOf(ctx, c), c.req.param("eventId"));
        const ifMatch = c.req.header("If-Match");
        if (ifMatch && ifMatch !== "*" && ifMatch.replace(/^W\//, "").replace(/"/g, "") !== e.changeKey) {
          throw new GraphError(
            412,
            "ErrorIrresolvableConflict",
            "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.",
          );
        }
        applyPatch(ctx, e, await body(c));
        e.changeKey = newChangeKey();
        e.lastModifiedDateTime = ctx.now().toISOString();
        ctx.store.changed();
        return c.json(serializeEvent(ctx, e, preferredZone(c.req.header("Prefer"))));
      });
      app.delete(`${eventsPath}/:eventId`, (c) => {
        const e = findEvent(ctx, userOf(ctx, c), c.req.param("eventId"));
        events(ctx).delete(e.id);
        ctx.store.changed();
        return c.body(null, 204);
      });
    }
    app.get(`${base}/calendarView`, (c) => {
      const userId = userOf(ctx, c);
      const start = Date.parse(c.req.query("startDateTime") ?? "");
      const end = Date.parse(c.req.query("endDateTime") ?? "");
      if (Number.isNaN(start) || Number.isNaN(end)) throw invalid("startDateTime and endDateTime are required.");
      const rows = [...events(ctx).values()].filter((e) => e.userId === userId && e.startUtc < end && e.endUtc > start);
      return c.json(collectionFor(ctx, c, rows, preferredZone(c.req.header("Prefer"))));
    });
    app.post(`${base}/onlineMeetings`, async (c) => {
      const userId = userOf(ctx, c);
      const b = await body(c);
      const start = typeof b.startDateTime === "string" ? b.startDateTime : ctx.now().toISOString();
      const end =
        typeof b.endDateTime === "string" ? b.endDateTime : new Date(Date.parse(start) + 3600_000).toISOString();
      if (Number.isNaN(Date.parse(start)) || Number.isNaN(Date.parse(end)))
        throw invalid("startDateTime and endDateTime must be ISO 8601 date-times.");
      const meeting = createOnlineMeeting(ctx, userId, {
        subject: typeof b.subject === "string" ? b.subject : "",
        startDateTime: new Date(start).toISOString(),
        endDateTime: new Date(end).toISOString(),
      });
      return c.json(serializeOnlineMeeting(ctx, meeting), 201);
    });
    app.get(`${base}/onlineMeetings`, (c) => {
      const userId = userOf(ctx, c);
      const filter = c.req.query("$filter") ?? c.req.query("filter") ?? "";
      const m = /joinWebUrl\s+eq\s+'(.*)'/i.exec(filter);
      if (!m) throw invalid("Only $filter=JoinWebUrl eq '…' is supported when listing online meetings.");
      const wanted = (m[1] as string).replace(/''/g, "'");
      const value = [...onlineMeetings(ctx).values()]
        .filter((x) => x.userId === userId && x.joinWebUrl === wanted)
        .map((x) => serializeOnlineMeeting(ctx, x));
      return c.json({
        "@odata.context": `${ctx.config.origin}/v1.0/$metadata#users('${userId}')/onlineMeetings`,
        value,
      });
    });
    app.get(`${base}/onlineMeetings/:meetingId`, (c) => {
      const userId = userOf(ctx, c);
      const meeting = onlineMeetings(ctx).get(c.req.param("meetingId"));
      if (!meeting || meeting.userId !== userId)
        throw new GraphError(404, "NotFound", "The online meeting could not be found.");
      return c.json(serializeOnlineMeeting(ctx, meeting));
    });
  }
}
