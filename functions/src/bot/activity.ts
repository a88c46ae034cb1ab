/**
 * The subset of the Bot Framework Activity schema Kōmu's bot reads, validated with zod at the
 * boundary (POST /api/messages). Unknown fields pass through; required ones are checked.
 */
import { z } from "zod";

export const channelAccountSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
});

export const conversationAccountSchema = z.looseObject({
  id: z.string().min(1),
  conversationType: z.string().optional(),
  tenantId: z.string().optional(),
  isGroup: z.boolean().optional(),
  name: z.string().optional(),
});

export const attachmentSchema = z.looseObject({
  contentType: z.string(),
  content: z.unknown().optional(),
  contentUrl: z.string().optional(),
  name: z.string().optional(),
});

export const activitySchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  timestamp: z.string().optional(),
  serviceUrl: z.url(),
  channelId: z.string().min(1),
  from: channelAccountSchema,
  conversation: conversationAccountSchema,
  recipient: channelAccountSchema,
  text: z.string().optional(),
  textFormat: z.string().optional(),
  locale: z.string().optional(),
  name: z.string().optional(),
  value: z.unknown().optional(),
  replyToId: z.string().optional(),
  attachments: z.array(attachmentSchema).optional(),
  membersAdded: z.array(channelAccountSchema).optional(),
  membersRemoved: z.array(channelAccountSchema).optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: z.string() }).optional(),
    })
    .optional(),
});
export type Activity = z.infer<typeof activitySchema>;

/** value of an `invoke` named `adaptiveCard/action` (Universal Actions). */
export const adaptiveCardActionValueSchema = z.looseObject({
  action: z.looseObject({
    type: z.literal("Action.Execute"),
    id: z.string().optional(),
    verb: z.string().min(1).max(200),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  trigger: z.enum(["manual", "automatic"]).optional(),
});
export type AdaptiveCardActionValue = z.infer<typeof adaptiveCardActionValueSchema>;

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
export const ADAPTIVE_CARD_ERROR_TYPE = "application/vnd.microsoft.error";

export type AdaptiveCard = Record<string, unknown> & { type: "AdaptiveCard" };
