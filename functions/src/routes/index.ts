import { approvalsEndpoints } from "../approvals/index.js";
import { verifyPdfEndpoint } from "../approvals/pdf/http/verify.js";
import type { TaskSource } from "../deps.js";
import type { Endpoint } from "../http/types.js";
import { meetingsEndpoints } from "../meetings/index.js";
import { disposalEndpoints } from "../records/disposal/http/index.js";
import { disposalTaskSource } from "../records/disposal/task-source.js";
import { recordsEndpoints } from "../records/index.js";
import { registerEndpoints } from "../records/registers/http/index.js";
import { rosterEndpoints } from "../roster/index.js";
import { surveysEndpoints } from "../surveys/index.js";
import { auditVerifyEndpoint } from "./audit-verify.js";
import { replayDeadLetterEndpoint } from "./dead-letter-replay.js";
import { deadLetterTaskSource } from "./dead-letter-tasks.js";
import { listDeadLettersEndpoint } from "./dead-letters-list.js";
import { healthEndpoint } from "./health.js";
import { meEndpoint } from "./me.js";
import { messagesEndpoint } from "./messages.js";
import { getSchoolEndpoint } from "./school-get.js";
import { listSchoolsEndpoint } from "./schools-list.js";
import { tasksEndpoint } from "./tasks.js";

/** Every endpoint of the API host today; modules append theirs. */
export const coreEndpoints: readonly Endpoint[] = [
  healthEndpoint,
  meEndpoint,
  tasksEndpoint,
  listSchoolsEndpoint,
  getSchoolEndpoint,
  auditVerifyEndpoint,
  listDeadLettersEndpoint,
  replayDeadLetterEndpoint,
  messagesEndpoint,
  verifyPdfEndpoint,
  ...registerEndpoints,
  ...disposalEndpoints,
  ...approvalsEndpoints,
  ...rosterEndpoints,
  ...surveysEndpoints,
  ...meetingsEndpoints,
  // Last: its GET /records/{recordId} must not shadow the registers' and disposal's static paths.
  ...recordsEndpoints,
];

/** Task sources of the foundation (modules add approvals, surveys, …). */
export function coreTaskSources(): TaskSource[] {
  return [deadLetterTaskSource(), disposalTaskSource()];
}
