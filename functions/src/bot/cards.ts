/** Expands the Adaptive Card templates in @komu/shared/cards with adaptivecards-templating. */

import { createRequire } from "node:module";
import {
  errorCardTemplate,
  helpCardTemplate,
  KOMU_FEATURES,
  welcomeAcknowledgedCardTemplate,
  welcomeCardTemplate,
} from "@komu/shared/cards/index";
import type { AdaptiveCard } from "./activity.js";

// Loaded through require with a local type: the package's own .d.ts pulls adaptivecards' .ts
// sources into the program (which do not compile under this repo's settings).
interface TemplateCtor {
  new (payload: unknown): { expand(context: { $root: unknown }): unknown };
}
const { Template } = createRequire(import.meta.url)("adaptivecards-templating") as { Template: TemplateCtor };

export function expandCard(template: object, data: Record<string, unknown>): AdaptiveCard {
  const expanded = new Template(structuredClone(template)).expand({ $root: data }) as AdaptiveCard;
  return expanded;
}

/** Japanese date-time in Japan time, e.g. 2026年4月1日 9:05 */
export function formatJaDateTime(iso: string): string {
  return new Intl.DateTimeFormat("ja-JP", {
    timeZone: "Asia/Tokyo",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(iso));
}

export function welcomeCard(data: { appName: string; userId: string; userName: string }): AdaptiveCard {
  return expandCard(welcomeCardTemplate, data);
}

export function welcomeAcknowledgedCard(data: {
  appName: string;
  ackedByName: string;
  ackedAt: string;
  userIds: string[];
  repeated: boolean;
}): AdaptiveCard {
  return expandCard(welcomeAcknowledgedCardTemplate, {
    appName: data.appName,
    ackedByName: data.ackedByName,
    ackedAtText: formatJaDateTime(data.ackedAt),
    userIds: data.userIds,
    repeated: data.repeated,
  });
}

export function helpCard(appName: string): AdaptiveCard {
  return expandCard(helpCardTemplate, { appName, tabs: KOMU_FEATURES });
}

export function errorCard(data: { title: string; message: string; detail?: string }): AdaptiveCard {
  return expandCard(errorCardTemplate, { detail: "", ...data });
}
