import { ActionItemPatch, MinutesInput, MinutesSubmitInput } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { meetingsOf, parseWith, requireIfMatch } from "../text/route-common.js";
import { meetingView } from "../view.js";
import { patchActionItem } from "./patch-action-item.js";
import { putMinutes } from "./put-minutes.js";
import { patchActionItemRoute, putMinutesRoute, submitMinutesRoute } from "./routes.types.js";
import { withMinutesStatus } from "./status.js";
import { submitMinutes } from "./submit-minutes.js";

export const putMinutesEndpoint: Endpoint = {
  route: putMinutesRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 512 * 1024, required: true },
  register(app, deps) {
    app.openapi(putMinutesRoute, async (c) => {
      const { schoolId, meetingId } = c.req.valid("param");
      const principal = c.get("principal");
      const input = parseWith(MinutesInput, c.req.valid("json"));
      const etag = requireIfMatch(c.req.valid("header")["if-match"]);
      const row = await putMinutes(meetingsOf(deps), { schoolId, meetingId, principal, etag, input });
      c.header("ETag", row.etag);
      return c.json(meetingView(row, principal), 200);
    });
  },
};

export const submitMinutesEndpoint: Endpoint = {
  route: submitMinutesRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 16 * 1024, required: true },
  register(app, deps) {
    app.openapi(submitMinutesRoute, async (c) => {
      const { schoolId, meetingId } = c.req.valid("param");
      const principal = c.get("principal");
      const input = parseWith(MinutesSubmitInput, c.req.valid("json"));
      const etag = requireIfMatch(c.req.valid("header")["if-match"]);
      const meetings = meetingsOf(deps);
      const schoolName = c.get("schoolNames")[schoolId] ?? (await deps.schools.get(schoolId))?.name ?? schoolId;
      const row = await submitMinutes(meetings, { schoolId, meetingId, principal, etag, input, schoolName });
      c.header("ETag", row.etag);
      return c.json(meetingView(await withMinutesStatus(meetings, row), principal), 200);
    });
  },
};

export const patchActionItemEndpoint: Endpoint = {
  route: patchActionItemRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 4 * 1024, required: true },
  register(app, deps) {
    app.openapi(patchActionItemRoute, async (c) => {
      const { schoolId, meetingId, actionItemId } = c.req.valid("param");
      const principal = c.get("principal");
      const input = parseWith(ActionItemPatch, c.req.valid("json"));
      const meetings = meetingsOf(deps);
      const row = await patchActionItem(meetings, { schoolId, meetingId, actionItemId, principal, input });
      c.header("ETag", row.etag);
      return c.json(meetingView(await withMinutesStatus(meetings, row), principal), 200);
    });
  },
};
