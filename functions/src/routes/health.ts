import type { Endpoint } from "../http/types.js";
import { healthRoute } from "./health.types.js";

export const healthEndpoint: Endpoint = {
  route: healthRoute,
  auth: "public",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(healthRoute, (c) => c.json({ status: "ok" as const, version: deps.version }, 200));
  },
};
