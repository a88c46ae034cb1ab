/** Links a TenantContext to its key ring (the context interface only exposes signToken). */
import type { TenantContext } from "../context.js";
import type { KeyRing } from "./keys.js";

const rings = new WeakMap<TenantContext, KeyRing>();

export function attachKeyRing(ctx: TenantContext, ring: KeyRing): void {
  rings.set(ctx, ring);
}

export function keyRingOf(ctx: TenantContext): KeyRing {
  const ring = rings.get(ctx);
  if (!ring) throw new Error("This TenantContext has no key ring (was it created by startTenant?)");
  return ring;
}
