/** Enqueue an outbox effect of the surveys module, then one inline delivery in the background. */
import type { SurveysDeps } from "../deps.js";

export async function enqueueAndDeliver(
  deps: Pick<SurveysDeps, "storage" | "handlers" | "logger">,
  input: { kind: string; schoolId: string; payload: unknown; dedupeKey: string },
): Promise<string> {
  const { id } = await deps.storage.outbox.enqueue(input);
  const handlers = deps.handlers?.();
  if (handlers)
    deps.storage.outbox
      .deliverNow(id, input.schoolId, handlers)
      .catch((e) => deps.logger.warn("surveys.effect.inline.failed", { kind: input.kind, error: String(e) }));
  return id;
}
