/**
 * The bot's cards: the templates of @komu/shared/cards rendered through renderCard
 * (adaptivecards-templating + adaptivecards validation, cards/render.ts). Every card the bot
 * builds itself (welcome, acknowledged, help, error, refresh answers) comes from here.
 */
import {
  errorCardDefinition,
  helpCardDefinition,
  KOMU_FEATURES,
  welcomeAcknowledgedCardDefinition,
  welcomeCardDefinition,
} from "@komu/shared/cards/index";
import type { AdaptiveCard } from "./activity.js";
import { renderCard } from "./cards/render.js";

export { assertValidCard, type CardProblem, type InvalidCardDetails, renderCard } from "./cards/render.js";

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
  return renderCard(welcomeCardDefinition, data);
}

export function welcomeAcknowledgedCard(data: {
  appName: string;
  ackedByName: string;
  ackedAt: string;
  userIds: string[];
  repeated: boolean;
}): AdaptiveCard {
  return renderCard(welcomeAcknowledgedCardDefinition, {
    appName: data.appName,
    ackedByName: data.ackedByName,
    ackedAtText: formatJaDateTime(data.ackedAt),
    userIds: data.userIds,
    repeated: data.repeated,
  });
}

export function helpCard(appName: string): AdaptiveCard {
  return renderCard(helpCardDefinition, { appName, tabs: [...KOMU_FEATURES] });
}

export function errorCard(data: { title: string; message: string; detail?: string }): AdaptiveCard {
  return renderCard(errorCardDefinition, data);
}
