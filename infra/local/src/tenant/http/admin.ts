/** /_emulator/* admin endpoints: stats, config (throttle, faultRate), limit reset. */
import { z } from "zod";
import { GraphError, type TenantApp, type TenantContext } from "../context.js";
import type { TenantLimits } from "../limits/index.js";
import type { createStats } from "../limits/stats.js";

const ConfigPatch = z
  .object({
    throttle: z.enum(["documented", "off"]).optional(),
    faultRate: z.number().min(0).max(1).optional(),
  })
  .strict();

export function registerAdmin(
  app: TenantApp,
  ctx: TenantContext,
  stats: ReturnType<typeof createStats>,
  limits: TenantLimits,
): void {
  app.get("/_emulator/stats", (c) => c.json({ apis: stats.snapshot(), totals: stats.totals() }));
  app.post("/_emulator/stats/reset", (c) => {
    stats.reset();
    return c.body(null, 204);
  });
  app.post("/_emulator/limits/reset", (c) => {
    limits.reset();
    return c.body(null, 204);
  });
  const current = () => ({ throttle: ctx.config.throttle, faultRate: ctx.config.faultRate });
  app.get("/_emulator/config", (c) => c.json(current()));
  app.patch("/_emulator/config", async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw new GraphError(
        400,
        "BadRequest",
        "The body must be JSON: { throttle?: 'documented'|'off', faultRate?: 0..1 }.",
      );
    }
    const parsed = ConfigPatch.safeParse(raw);
    if (!parsed.success)
      throw new GraphError(
        400,
        "BadRequest",
        `Invalid config: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    if (parsed.data.throttle !== undefined) ctx.config.throttle = parsed.data.throttle;
    if (parsed.data.faultRate !== undefined) ctx.config.faultRate = parsed.data.faultRate;
    return c.json(current());
  });
}
