/**
 * Naming of the Azure Storage resources Kōmu uses. Every table and queue name is the optional
 * prefix + a fixed base name, so tests isolate themselves with a random prefix.
 * Table names: letters and digits, 3–63 chars, starting with a letter.
 * Queue names: lowercase letters, digits and single hyphens, 3–63 chars.
 */
import { KomuError } from "@komu/shared";

export const TABLES = {
  entities: "komuEntities",
  idempotency: "komuIdempotency",
  outbox: "komuOutbox",
  deadLetters: "komuDeadLetters",
  audit: "komuAudit",
} as const;

export const QUEUES = {
  outbox: "komu-outbox",
} as const;

export type TableBase = (typeof TABLES)[keyof typeof TABLES];
export type QueueBase = (typeof QUEUES)[keyof typeof QUEUES];
/** Where the Functions host (and our local runner) puts messages that keep failing. */
export type PoisonQueue = `${QueueBase}-poison`;

const PREFIX = /^[a-z][a-z0-9]{0,23}$/;

export function checkPrefix(prefix: string): string {
  if (prefix === "") return prefix;
  if (!PREFIX.test(prefix)) {
    throw new KomuError("CONFIGURATION_INVALID", {
      message: {
        ja: `ストレージの接頭辞「${prefix}」は英小文字で始まる英小文字・数字（24 文字以内）にしてください。`,
        en: `Storage prefix "${prefix}" must be lowercase letters/digits starting with a letter (max 24).`,
      },
    });
  }
  return prefix;
}

export const tableName = (prefix: string, base: TableBase): string => `${prefix}${base}`;
export const queueName = (prefix: string, base: QueueBase | PoisonQueue): string => `${prefix}${base}`;
