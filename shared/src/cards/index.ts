export * from "./approval.js";
export * from "./error.js";
export * from "./help.js";
export * from "./meeting.js";
export * from "./survey.js";
export * from "./types.js";
export * from "./welcome.js";

import { approvalCardDefinition, approvalNoticeCardDefinition } from "./approval.js";
import { errorCardDefinition } from "./error.js";
import { helpCardDefinition } from "./help.js";
import { meetingCardDefinition } from "./meeting.js";
import { surveyCardDefinition } from "./survey.js";
import { welcomeAcknowledgedCardDefinition, welcomeCardDefinition } from "./welcome.js";

/** Every card template Kōmu ships (tests render each one). */
export const CARD_DEFINITIONS = [
  welcomeCardDefinition,
  welcomeAcknowledgedCardDefinition,
  helpCardDefinition,
  errorCardDefinition,
  approvalCardDefinition,
  approvalNoticeCardDefinition,
  surveyCardDefinition,
  meetingCardDefinition,
] as const;
