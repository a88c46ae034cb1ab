/**
 * Which organisation an incoming activity comes from, and whether it is a personal (1:1) chat.
 *  - Every tenant id the activity names (`channelData.tenant.id`, `conversation.tenantId`) must be
 *    the configured tenant (GUIDs compared without regard to letter case); an `msteams` activity
 *    that names none is refused too. A valid Bot Framework token only proves the activity came
 *    through the Bot Connector, not from our organisation: any tenant can install a bot by its id.
 *  - Only a personal conversation (`conversationType` absent or "personal", not a group) may become
 *    the user's stored conversation reference (where proactive, possibly confidential cards go).
 */
import { KomuError } from "@komu/shared";
import type { Activity } from "./activity.js";

export type TenantCheck = { ok: true; tenantId: string } | { ok: false; reason: string; claimed: string[] };

export function checkActivityTenant(activity: Activity, configuredTenantId: string): TenantCheck {
  const claimed = [activity.channelData?.tenant?.id, activity.conversation.tenantId].filter(
    (t): t is string => typeof t === "string",
  );
  const ours = configuredTenantId.trim().toLowerCase();
  if (claimed.some((t) => t.trim().toLowerCase() !== ours)) return { ok: false, reason: "tenant mismatch", claimed };
  if (claimed.length === 0 && activity.channelId === "msteams") {
    return { ok: false, reason: "tenant missing", claimed };
  }
  return { ok: true, tenantId: configuredTenantId };
}

export function foreignTenantError(reason: string): KomuError {
  return new KomuError("FORBIDDEN", {
    message: {
      ja: "この組織からの要求は受け付けていません。",
      en: "Requests are not accepted from this organisation.",
    },
    details: { reason },
  });
}

export function isPersonalConversation(activity: Activity): boolean {
  const type = activity.conversation.conversationType;
  return (type === undefined || type === "personal") && activity.conversation.isGroup !== true;
}
