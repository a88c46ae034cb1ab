/** The meetings core's endpoints (thin: parse with the shared schemas, call the use case, answer the view). */
import {
  AttendeePreviewInput,
  ensureCan,
  MaterialCreateInput,
  MaterialReplaceInput,
  MeetingCreateInput,
  MeetingUpdateInput,
  ReadInput,
} from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { loadMeetingFor } from "../access.js";
import { distributeMeeting } from "../distribute/distribute.js";
import { cancelMeeting } from "../drafts/cancel-meeting.js";
import { createMeeting } from "../drafts/create-meeting.js";
import { listMeetings } from "../drafts/list-meetings.js";
import { previewAttendees } from "../drafts/preview-attendees.js";
import { updateMeeting } from "../drafts/update-meeting.js";
import { addMaterial } from "../materials/add-material.js";
import { replaceMaterial } from "../materials/replace-material.js";
import { withMinutesStatus } from "../minutes/status.js";
import { materialContent } from "../read/material-content.js";
import { readStatus } from "../read/read-status.js";
import { recordRead } from "../read/record-read.js";
import { meetingsOf, parseWith, requireIfMatch } from "../text/route-common.js";
import { meetingView } from "../view.js";
import * as r from "./meetings.types.js";

const JSON_64K = { kind: "json", maxBytes: 64 * 1024, required: true } as const;

export const listMeetingsEndpoint: Endpoint = {
  route: r.listMeetingsRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(r.listMeetingsRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const { fiscalYear, q } = c.req.valid("query");
      const list = await listMeetings(meetingsOf(deps), {
        schoolId,
        principal: c.get("principal"),
        ...(fiscalYear !== undefined ? { fiscalYear } : {}),
        ...(q ? { q } : {}),
      });
      return c.json(list, 200);
    });
  },
};

export const createMeetingEndpoint: Endpoint = {
  route: r.createMeetingRoute,
  auth: "required",
  body: JSON_64K,
  register(app, deps) {
    app.openapi(r.createMeetingRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      const meetings = meetingsOf(deps);
      ensureCan(principal, "meeting.manage", { schoolId });
      const input = parseWith(MeetingCreateInput, c.req.valid("json"));
      const row = await createMeeting(meetings, { schoolId, principal, input });
      c.header("ETag", row.etag);
      return c.json(meetingView(await withMinutesStatus(meetingsOf(deps), row), principal), 201);
    });
  },
};

export const attendeePreviewEndpoint: Endpoint = {
  route: r.attendeePreviewRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 16 * 1024, required: true },
  register(app, deps) {
    app.openapi(r.attendeePreviewRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const input = parseWith(AttendeePreviewInput, c.req.valid("json"));
      const preview = await previewAttendees(meetingsOf(deps), {
        schoolId,
        principal: c.get("principal"),
        attendees: input.attendees,
      });
      return c.json(preview, 200);
    });
  },
};

export const getMeetingEndpoint: Endpoint = {
  route: r.getMeetingRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(r.getMeetingRoute, async (c) => {
      const { schoolId, meetingId } = c.req.valid("param");
      const principal = c.get("principal");
      const row = await loadMeetingFor(meetingsOf(deps), principal, schoolId, meetingId, "see");
      c.header("ETag", row.etag);
      return c.json(meetingView(await withMinutesStatus(meetingsOf(deps), row), principal), 200);
    });
  },
};

export const updateMeetingEndpoint: Endpoint = {
  route: r.updateMeetingRoute,
  auth: "required",
  body: JSON_64K,
  register(app, deps) {
    app.openapi(r.updateMeetingRoute, async (c) => {
      const { schoolId, meetingId } = c.req.valid("param");
      const principal = c.get("principal");
      const etag = requireIfMatch(c.req.valid("header")["if-match"]);
      const input = parseWith(MeetingUpdateInput, c.req.valid("json"));
      const row = await updateMeeting(meetingsOf(deps), { schoolId, meetingId, principal, input, etag });
      c.header("ETag", row.etag);
      return c.json(meetingView(await withMinutesStatus(meetingsOf(deps), row), principal), 200);
    });
  },
};

export const cancelMeetingEndpoint: Endpoint = {
  route: r.cancelMeetingRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(r.cancelMeetingRoute, async (c) => {
      const { schoolId, meetingId } = c.req.valid("param");
      const principal = c.get("principal");
      const etag = requireIfMatch(c.req.valid("header")["if-match"]);
      const row = await cancelMeeting(meetingsOf(deps), { schoolId, meetingId, principal, etag });
      c.header("ETag", row.etag);
      return c.json(meetingView(await withMinutesStatus(meetingsOf(deps), row), principal), 200);
    });
  },
};

export const addMaterialEndpoint: Endpoint = {
  route: r.addMaterialRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 8 * 1024, required: true },
  register(app, deps) {
    app.openapi(r.addMaterialRoute, async (c) => {
      const { schoolId, meetingId } = c.req.valid("param");
      const principal = c.get("principal");
      const input = parseWith(MaterialCreateInput, c.req.valid("json"));
      const row = await addMaterial(meetingsOf(deps), { schoolId, meetingId, principal, input });
      c.header("ETag", row.etag);
      return c.json(meetingView(await withMinutesStatus(meetingsOf(deps), row), principal), 200);
    });
  },
};

export const replaceMaterialEndpoint: Endpoint = {
  route: r.replaceMaterialRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 8 * 1024, required: true },
  register(app, deps) {
    app.openapi(r.replaceMaterialRoute, async (c) => {
      const { schoolId, meetingId, materialId } = c.req.valid("param");
      const principal = c.get("principal");
      const etag = requireIfMatch(c.req.valid("header")["if-match"]);
      const input = parseWith(MaterialReplaceInput, c.req.valid("json"));
      const row = await replaceMaterial(meetingsOf(deps), { schoolId, meetingId, materialId, principal, etag, input });
      c.header("ETag", row.etag);
      return c.json(meetingView(await withMinutesStatus(meetingsOf(deps), row), principal), 200);
    });
  },
};

export const materialContentEndpoint: Endpoint = {
  route: r.materialContentRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(r.materialContentRoute, async (c) => {
      const { schoolId, meetingId, materialId } = c.req.valid("param");
      return (await materialContent(meetingsOf(deps), {
        schoolId,
        meetingId,
        materialId,
        principal: c.get("principal"),
      })) as never;
    });
  },
};

export const distributeEndpoint: Endpoint = {
  route: r.distributeRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(r.distributeRoute, async (c) => {
      const { schoolId, meetingId } = c.req.valid("param");
      const principal = c.get("principal");
      const etag = requireIfMatch(c.req.valid("header")["if-match"]);
      const row = await distributeMeeting(meetingsOf(deps), { schoolId, meetingId, principal, etag });
      c.header("ETag", row.etag);
      return c.json(meetingView(await withMinutesStatus(meetingsOf(deps), row), principal), 200);
    });
  },
};

export const recordReadEndpoint: Endpoint = {
  route: r.recordReadRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 1024, required: true },
  register(app, deps) {
    app.openapi(r.recordReadRoute, async (c) => {
      const { schoolId, meetingId, materialId } = c.req.valid("param");
      const { page } = parseWith(ReadInput, c.req.valid("json"));
      await recordRead(meetingsOf(deps), { schoolId, meetingId, materialId, principal: c.get("principal"), page });
      return c.body(null, 204);
    });
  },
};

export const readStatusEndpoint: Endpoint = {
  route: r.readStatusRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(r.readStatusRoute, async (c) => {
      const { schoolId, meetingId } = c.req.valid("param");
      return c.json(await readStatus(meetingsOf(deps), { schoolId, meetingId, principal: c.get("principal") }), 200);
    });
  },
};
