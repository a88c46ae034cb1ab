import { NotesPutInput } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { meetingsOf, parseWith } from "../text/route-common.js";
import { getNotes } from "./get-notes.js";
import { putNotes } from "./put-notes.js";
import { getNotesRoute, putNotesRoute } from "./routes.types.js";

export const getNotesEndpoint: Endpoint = {
  route: getNotesRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(getNotesRoute, async (c) => {
      const params = c.req.valid("param");
      const view = await getNotes(meetingsOf(deps), { ...params, principal: c.get("principal") });
      c.header("Cache-Control", "private, no-store");
      if (view.etag) c.header("ETag", view.etag);
      return c.json(view, 200);
    });
  },
};

export const putNotesEndpoint: Endpoint = {
  route: putNotesRoute,
  auth: "required",
  body: { kind: "json", maxBytes: 2 * 1024 * 1024, required: true },
  register(app, deps) {
    app.openapi(putNotesRoute, async (c) => {
      const params = c.req.valid("param");
      const input = parseWith(NotesPutInput, c.req.valid("json"));
      const etag = c.req.valid("header")["if-match"]?.trim() || undefined;
      const view = await putNotes(meetingsOf(deps), { ...params, principal: c.get("principal"), input, etag });
      if (view.etag) c.header("ETag", view.etag);
      return c.json(view, 200);
    });
  },
};
