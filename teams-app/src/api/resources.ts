import { LocalizedTextSchema, PrincipalKind, Role } from "@komu/shared";
import { z } from "zod";
import type { ApiClient } from "./client.js";

/** GET /api/me — the signed-in user with their schools (id, display name, roles there). */
export const MeResponse = z.object({
  oid: z.string(),
  tenantId: z.string(),
  name: z.string(),
  upn: z.string(),
  kind: PrincipalKind,
  roles: z.array(Role),
  schools: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(Role), staff: z.boolean() })),
});
export type Me = z.infer<typeof MeResponse>;

/** One entry of GET /api/tasks (dates are ISO 8601 UTC strings). */
export const TaskItem = z.object({
  id: z.string(),
  source: z.string(),
  kind: z.string(),
  title: LocalizedTextSchema,
  detail: LocalizedTextSchema.optional(),
  schoolId: z.string().optional(),
  createdAt: z.string().optional(),
  dueAt: z.string().optional(),
  href: z.string().optional(),
  priority: z.enum(["high", "normal", "low"]).default("normal"),
});
export type TaskItem = z.infer<typeof TaskItem>;

/** GET /api/tasks — `incomplete` names task sources that failed this time (their tasks are missing). */
export const TasksResponse = z.object({ items: z.array(TaskItem), incomplete: z.array(z.string()).default([]) });
export type Tasks = z.infer<typeof TasksResponse>;

export const getMe = (api: ApiClient): Promise<Me> => api.get("/api/me", MeResponse);
export const getTasks = (api: ApiClient): Promise<Tasks> => api.get("/api/tasks", TasksResponse);
