/** Calendar events and online meetings of the local tenant (`cal.events`, `cal.onlineMeetings`). */
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { GraphError, type TenantContext } from "../../context.js";

export interface Attendee {
  type: string;
  emailAddress: { name?: string; address: string };
  status: { response: string; time: string };
}

export interface EventRecord {
  id: string;
  userId: string;
  changeKey: string;
  iCalUId: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  subject: string;
  body: { contentType: string; content: string };
  startUtc: number;
  endUtc: number;
  originalStartTimeZone: string;
  originalEndTimeZone: string;
  location: { displayName: string };
  attendees: Attendee[];
  categories: string[];
  importance: string;
  sensitivity: string;
  showAs: string;
  isAllDay: boolean;
  isCancelled: boolean;
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  allowNewTimeProposals: boolean;
  responseRequested: boolean;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  onlineMeetingId?: string;
  /** The client's transactionId (Graph: a retried POST with the same one answers the same event). */
  transactionId?: string;
}

export interface OnlineMeetingRecord {
  id: string;
  userId: string;
  subject: string;
  creationDateTime: string;
  startDateTime: string;
  endDateTime: string;
  joinWebUrl: string;
  threadId: string;
  conferenceId: string;
  joinMeetingId: string;
  eventId?: string;
}

export const events = (ctx: TenantContext) => ctx.store.collection<EventRecord>("cal.events");
export const onlineMeetings = (ctx: TenantContext) => ctx.store.collection<OnlineMeetingRecord>("cal.onlineMeetings");

export interface UserRow {
  id: string;
  displayName?: string;
  mail?: string | null;
  userPrincipalName?: string;
}

/** Finds a user by id or userPrincipalName (404 like Exchange when unknown). */
export function findUser(ctx: TenantContext, idOrUpn: string): UserRow {
  const users = ctx.store.collection<UserRow>("users");
  const direct = users.get(idOrUpn);
  if (direct) return { ...direct, id: direct.id ?? idOrUpn };
  const lower = idOrUpn.toLowerCase();
  for (const [id, u] of users)
    if (u.userPrincipalName?.toLowerCase() === lower || u.mail?.toLowerCase() === lower) return { ...u, id };
  throw new GraphError(404, "ErrorInvalidUser", `The requested user '${idOrUpn}' is invalid.`);
}

export const newEventId = () => `AAMkA${randomBytes(30).toString("base64url")}=`;
export const newChangeKey = () => randomBytes(15).toString("base64");
export const newICalUId = () => `040000008200E00074C5B7101A82E008${randomBytes(40).toString("hex").toUpperCase()}`;

/** Creates an online meeting whose joinWebUrl is on the tenant's origin. */
export function createOnlineMeeting(
  ctx: TenantContext,
  userId: string,
  options: { subject: string; startDateTime: string; endDateTime: string; eventId?: string },
): OnlineMeetingRecord {
  const threadId = `19:meeting_${Buffer.from(randomUUID()).toString("base64url")}@thread.v2`;
  const context = JSON.stringify({ Tid: ctx.config.tenantId, Oid: userId });
  const joinWebUrl = `${ctx.config.origin}/l/meetup-join/${encodeURIComponent(threadId)}/0?context=${encodeURIComponent(context)}`;
  const meeting: OnlineMeetingRecord = {
    id: `MSp${Buffer.from(`${userId}*${randomUUID()}`).toString("base64url")}`,
    userId,
    subject: options.subject,
    creationDateTime: ctx.now().toISOString(),
    startDateTime: options.startDateTime,
    endDateTime: options.endDateTime,
    joinWebUrl,
    threadId,
    conferenceId: String(randomInt(100_000_000, 999_999_999)),
    joinMeetingId: String(randomInt(1_000_000_000, 2_000_000_000)),
    ...(options.eventId ? { eventId: options.eventId } : {}),
  };
  onlineMeetings(ctx).set(meeting.id, meeting);
  ctx.store.changed();
  return meeting;
}
