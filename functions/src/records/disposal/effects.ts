/** The disposal's outbox effects, for `RuntimeDeps.effectHandlers`. */
import { z } from "zod";
import type { EffectHandlers } from "../../outbox/types.js";
import type { Storage } from "../../storage/index.js";
import { DISPATCH_EFFECT, DISPOSE_EFFECT, dispatchDisposal } from "./dispatch.js";
import { type DisposeEffectDeps, disposeEffect } from "./dispose-effect.js";

export interface DisposalEffectDeps extends DisposeEffectDeps {
  storage: Pick<Storage, "entities" | "audit" | "outbox">;
}

const dispatchPayload = z.object({ disposalId: z.string().min(1) });

export function disposalEffectHandlers(deps: DisposalEffectDeps): EffectHandlers {
  return {
    [DISPOSE_EFFECT]: disposeEffect(deps),
    [DISPATCH_EFFECT]: async (payload, _attempt, info) => {
      const { disposalId } = dispatchPayload.parse(payload);
      await dispatchDisposal(deps, info.schoolId, disposalId, deps.clock());
    },
  };
}
