/**
 * Where each person's approval card lives: one message per (approval, person) in their 1:1 chat
 * with Kōmu, updated after every transition (the up-to-date card pattern), and the one-off
 * notices already sent (決裁済 / 差し戻し / 却下 to the drafter, 後閲 to the absent approver).
 */
import { z } from "zod";
import { defineEntity, type Storage } from "../../storage/index.js";

export const approvalMessageEntity = defineEntity({
  kind: "approvalMessage",
  schema: z.object({
    approvalId: z.string(),
    oid: z.string(),
    conversationId: z.string(),
    activityId: z.string(),
    serviceUrl: z.string(),
    /** The effect that last sent a fresh card (a retry of the same effect does not send again). */
    sentBy: z.string(),
    /** SHA-256 of the card last put in the message: an unchanged card is not sent again (retries). */
    cardHash: z.string().optional(),
  }),
  indexes: ["approvalId"],
});
export type ApprovalMessage = z.infer<typeof approvalMessageEntity.schema>;

export const approvalNoticeEntity = defineEntity({
  kind: "approvalNotice",
  schema: z.object({ approvalId: z.string(), oid: z.string(), kind: z.string(), sentAt: z.string() }),
});

export const messageId = (approvalId: string, oid: string) => `${approvalId}-${oid}`;

export function messageRepos(storage: Pick<Storage, "entities">) {
  return {
    messages: storage.entities.repo(approvalMessageEntity),
    notices: storage.entities.repo(approvalNoticeEntity),
  };
}
