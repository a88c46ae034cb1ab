import { z } from "zod";
import { SchoolId } from "./principal.js";

export const LocalizedTextSchema = z.object({ ja: z.string(), en: z.string() });

/**
 * One entry of "my tasks" on the home page. Modules contribute tasks through task sources on the
 * API side; the shape is shared with the tab app.
 */
export const Task = z.object({
  /** Stable across calls: `<source>:<id>`. */
  id: z.string().min(1),
  /** The module that produced it, e.g. "outbox", "approvals". */
  source: z.string().min(1),
  kind: z.string().min(1),
  title: LocalizedTextSchema,
  detail: LocalizedTextSchema.optional(),
  schoolId: SchoolId.optional(),
  /** ISO 8601 UTC. */
  createdAt: z.string().datetime({ offset: true }).optional(),
  dueAt: z.string().datetime({ offset: true }).optional(),
  /** A path inside the tab app, e.g. "/admin/outbox". */
  href: z.string().startsWith("/").optional(),
  priority: z.enum(["high", "normal", "low"]).default("normal"),
});
export type Task = z.infer<typeof Task>;
