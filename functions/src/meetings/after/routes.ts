import { FileMeetingInput } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { withMinutesStatus } from "../minutes/status.js";
import { meetingsOf, parseWith, requireIfMatch } from "../text/route-common.js";
import { meetingView } from "../view.js";
import { fileMeeting } from "./file-meeting.js";
import { fileMeetingRoute } from "./routes.types.js";

export const fileMeetingEndpoint: Endpoint = {
  route: fileMeetingRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 4 * 1024, required: true },
  register(app, deps) {
    app.openapi(fileMeetingRoute, async (c) => {
      const { schoolId, meetingId } = c.req.valid("param");
      const principal = c.get("principal");
      const input = parseWith(FileMeetingInput, c.req.valid("json"));
      const etag = requireIfMatch(c.req.valid("header")["if-match"]);
      const meetings = meetingsOf(deps);
      const row = await fileMeeting(meetings, { schoolId, meetingId, principal, etag, input });
      c.header("ETag", row.etag);
      return c.json(meetingView(await withMinutesStatus(meetings, row), principal), 200);
    });
  },
};
