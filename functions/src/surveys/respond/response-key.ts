/**
 * Which response row belongs to a recipient. Named surveys: the recipient's key. Anonymous
 * surveys: an HMAC of survey and key under the link key, so the stored rows do not link an answer
 * to a person (someone with the key and the tables could recompute it: see README, anonymity).
 */
import { createHmac } from "node:crypto";
import { KomuError } from "@komu/shared";

export function responseIdFor(opts: {
  anonymous: boolean;
  surveyId: string;
  key: string;
  linkKey: string | undefined;
}): string {
  if (!opts.anonymous) return opts.key;
  if (!opts.linkKey)
    throw new KomuError("CONFIGURATION_INVALID", {
      details: { reason: "SECRET_KOMU_LINK_KEY is not set (anonymous surveys need it)" },
    });
  return `a${createHmac("sha256", opts.linkKey).update(`response\n${opts.surveyId}\n${opts.key}`).digest("hex").slice(0, 40)}`;
}
