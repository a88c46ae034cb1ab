/**
 * Minutes (議事録) drafted from the agenda, rendered as a PDF and routed through 電子決裁; action
 * items (assignee, due date) in the assignees' 「自分のタスク」.
 */
import type { Endpoint } from "../../http/types.js";
import { patchActionItemEndpoint, putMinutesEndpoint, submitMinutesEndpoint } from "./routes.js";

export { minutesState, withMinutesStatus } from "./status.js";
export { meetingsTaskSource } from "./task-source.js";

export const minutesEndpoints: readonly Endpoint[] = [
  putMinutesEndpoint,
  submitMinutesEndpoint,
  patchActionItemEndpoint,
];
