export * from "./error.js";
export * from "./help.js";
export * from "./types.js";
export * from "./welcome.js";

import { errorCardDefinition } from "./error.js";
import { helpCardDefinition } from "./help.js";
import { welcomeAcknowledgedCardDefinition, welcomeCardDefinition } from "./welcome.js";

/** Every card template Kōmu ships (tests render each one). */
export const CARD_DEFINITIONS = [
  welcomeCardDefinition,
  welcomeAcknowledgedCardDefinition,
  helpCardDefinition,
  errorCardDefinition,
] as const;
