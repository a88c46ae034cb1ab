import { can, text } from "@komu/shared";
import type { TaskSource } from "../deps.js";

/** "My tasks" for administrators: every dead letter of the outbox needs a look (and a replay). */
export function deadLetterTaskSource(limit = 50): TaskSource {
  return {
    id: "outbox",
    async list({ principal, deps }) {
      if (!can(principal, "outbox.deadLetters.read")) return [];
      const letters = await deps.storage.outbox.listDeadLetters(undefined, limit);
      return letters.map((d) => ({
        id: `outbox:${d.id}`,
        source: "outbox",
        kind: "outbox.deadLetter",
        title: text("task.deadLetter.title", { kind: d.kind }),
        detail: text("task.deadLetter.detail", { attempts: d.attempts }),
        schoolId: d.schoolId,
        createdAt: d.deadLetteredAt,
        href: `/admin/outbox?deadLetter=${d.id}`,
        priority: "high" as const,
      }));
    },
  };
}
