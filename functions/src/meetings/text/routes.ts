import type { Endpoint } from "../../http/types.js";
import { getMaterialText } from "./material-text.js";
import { meetingsOf } from "./route-common.js";
import { materialTextRoute } from "./routes.types.js";

export const materialTextEndpoint: Endpoint = {
  route: materialTextRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(materialTextRoute, async (c) => {
      const { schoolId, meetingId, materialId } = c.req.valid("param");
      const text = await getMaterialText(meetingsOf(deps), {
        schoolId,
        meetingId,
        materialId,
        principal: c.get("principal"),
      });
      c.header("Cache-Control", "private, no-store");
      return c.json(text, 200);
    });
  },
};
