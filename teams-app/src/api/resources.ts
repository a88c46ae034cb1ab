import { Principal, Task } from "@komu/shared";
import { z } from "zod";
import type { ApiClient } from "./client.js";

/**
 * GET /api/me — the signed-in principal (oid, name, schools, roles, memberships), plus optional
 * display names of the schools (`{ "aoba-e": "青葉小学校" }`) when the API provides them.
 */
export const MeResponse = Principal.extend({ schoolNames: z.record(z.string(), z.string()).optional() });
export type Me = z.infer<typeof MeResponse>;

/** GET /api/tasks — "my tasks" for the home page. */
export const TasksResponse = z.object({ items: z.array(Task) });
export type TaskItem = z.infer<typeof Task>;

export const getMe = (api: ApiClient): Promise<Me> => api.get("/api/me", MeResponse);
export const getTasks = async (api: ApiClient): Promise<TaskItem[]> => (await api.get("/api/tasks", TasksResponse)).items;
