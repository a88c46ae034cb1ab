/** Graph's event and onlineMeeting JSON. */
import type { TenantContext } from "../../context.js";
import { type EventRecord, findUser, type OnlineMeetingRecord, onlineMeetings } from "./model.js";
import { fromInstant } from "./timezone.js";

const NEVER = "0001-01-01T00:00:00Z";

function preview(content: string): string {
  return content
    .replace(/<style[\s\S]*?<\/style>/gi, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 255);
}

export function serializeEvent(ctx: TenantContext, e: EventRecord, zone: string): Record<string, unknown> {
  const organizer = findUser(ctx, e.userId);
  const meeting = e.onlineMeetingId ? onlineMeetings(ctx).get(e.onlineMeetingId) : undefined;
  const location = {
    displayName: e.location.displayName,
    locationType: "default",
    uniqueId: e.location.displayName,
    uniqueIdType: "private",
  };
  return {
    "@odata.context": `${ctx.config.origin}/v1.0/$metadata#users('${e.userId}')/events/$entity`,
    "@odata.etag": `W/"${e.changeKey}"`,
    id: e.id,
    createdDateTime: e.createdDateTime,
    lastModifiedDateTime: e.lastModifiedDateTime,
    changeKey: e.changeKey,
    categories: [...e.categories],
    originalStartTimeZone: e.originalStartTimeZone,
    originalEndTimeZone: e.originalEndTimeZone,
    iCalUId: e.iCalUId,
    reminderMinutesBeforeStart: e.reminderMinutesBeforeStart,
    isReminderOn: e.isReminderOn,
    hasAttachments: false,
    hideAttendees: false,
    subject: e.subject,
    bodyPreview: preview(e.body.content),
    importance: e.importance,
    sensitivity: e.sensitivity,
    isAllDay: e.isAllDay,
    isCancelled: e.isCancelled,
    isDraft: false,
    isOrganizer: true,
    responseRequested: e.responseRequested,
    seriesMasterId: null,
    showAs: e.showAs,
    type: "singleInstance",
    webLink: `${ctx.config.origin}/owa/?itemid=${encodeURIComponent(e.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.onlineMeetingProvider,
    ...(e.transactionId ? { transactionId: e.transactionId } : {}),
    allowNewTimeProposals: e.allowNewTimeProposals,
    responseStatus: { response: "organizer", time: NEVER },
    body: { ...e.body },
    start: fromInstant(e.startUtc, zone),
    end: fromInstant(e.endUtc, zone),
    location,
    locations: e.location.displayName
      ? [{ displayName: e.location.displayName, locationType: "default", uniqueIdType: "unknown" }]
      : [],
    recurrence: null,
    attendees: e.attendees.map((a) => ({ type: a.type, status: { ...a.status }, emailAddress: { ...a.emailAddress } })),
    organizer: {
      emailAddress: { name: organizer.displayName ?? "", address: organizer.mail ?? organizer.userPrincipalName ?? "" },
    },
    onlineMeeting: meeting
      ? { joinUrl: meeting.joinWebUrl, conferenceId: meeting.conferenceId, tollNumber: "+81 3 0000 0000" }
      : null,
  };
}

export function serializeOnlineMeeting(ctx: TenantContext, m: OnlineMeetingRecord): Record<string, unknown> {
  const organizer = findUser(ctx, m.userId);
  return {
    "@odata.type": "#microsoft.graph.onlineMeeting",
    "@odata.context": `${ctx.config.origin}/v1.0/$metadata#users('${m.userId}')/onlineMeetings/$entity`,
    audioConferencing: {
      tollNumber: "+81300000000",
      tollFreeNumber: "+81120000000",
      ConferenceId: m.conferenceId,
      dialinUrl: `${ctx.config.origin}/dialin/${encodeURIComponent(m.id)}?id=${m.conferenceId}`,
    },
    chatInfo: { threadId: m.threadId, messageId: "0", replyChainMessageId: "0" },
    creationDateTime: m.creationDateTime,
    startDateTime: m.startDateTime,
    endDateTime: m.endDateTime,
    id: m.id,
    joinWebUrl: m.joinWebUrl,
    participants: {
      organizer: {
        identity: { user: { id: m.userId, displayName: organizer.displayName ?? "" } },
        upn: organizer.userPrincipalName ?? "",
      },
      attendees: [],
    },
    subject: m.subject,
    joinMeetingIdSettings: { isPasscodeRequired: false, joinMeetingId: m.joinMeetingId, passcode: null },
  };
}
