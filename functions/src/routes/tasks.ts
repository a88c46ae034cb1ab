import { ensureCan, type Task } from "@komu/shared";
import type { Endpoint } from "../http/types.js";
import { tasksRoute } from "./tasks.types.js";

const PRIORITY = { high: 0, normal: 1, low: 2 } as const;

export const tasksEndpoint: Endpoint = {
  route: tasksRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(tasksRoute, async (c) => {
      const principal = c.get("principal");
      ensureCan(principal, "tasks.read");
      const results = await Promise.allSettled(deps.taskSources.map((source) => source.list({ principal, deps })));
      const items: Task[] = [];
      const incomplete: string[] = [];
      results.forEach((result, i) => {
        const source = deps.taskSources[i];
        if (!source) return;
        if (result.status === "fulfilled") items.push(...result.value);
        else {
          incomplete.push(source.id);
          deps.logger.warn("task source failed", {
            source: source.id,
            requestId: c.get("requestId"),
            error: String(result.reason),
          });
        }
      });
      items.sort(
        (a, b) =>
          PRIORITY[a.priority] - PRIORITY[b.priority] ||
          (b.createdAt ?? "").localeCompare(a.createdAt ?? "") ||
          a.id.localeCompare(b.id),
      );
      return c.json({ items, incomplete }, 200);
    });
  },
};
