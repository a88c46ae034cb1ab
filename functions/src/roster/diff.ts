/**
 * What an import changes, decided before any write (pure): each incoming row is created,
 * updated (its values differ, or it comes back after a transfer) or left unchanged; each stored
 * active row the export no longer has is deactivated. Nothing is deleted.
 */
import type { StoredEntity } from "../storage/index.js";

export interface Write<T> {
  id: string;
  data: T;
  /** The ETag read (updates); absent for creates. */
  etag?: string;
}

export interface Plan<T> {
  creates: Write<T>[];
  updates: Write<T>[];
  deactivations: Write<T>[];
  unchanged: number;
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
}

/** JSON with sorted keys: equal values compare equal whatever the key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export function sameData(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export function planImport<T extends { active: boolean }>(
  stored: readonly StoredEntity<T>[],
  incoming: ReadonlyMap<string, T>,
): Plan<T> {
  const plan: Plan<T> = { creates: [], updates: [], deactivations: [], unchanged: 0 };
  const byId = new Map(stored.map((s) => [s.id, s]));
  for (const [id, data] of incoming) {
    const current = byId.get(id);
    if (!current) plan.creates.push({ id, data });
    else if (sameData(current.data, data)) plan.unchanged += 1;
    else plan.updates.push({ id, data, etag: current.etag });
  }
  for (const s of stored) {
    if (s.data.active && !incoming.has(s.id))
      plan.deactivations.push({ id: s.id, data: { ...s.data, active: false }, etag: s.etag });
  }
  const order = (a: Write<T>, b: Write<T>) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  plan.creates.sort(order);
  plan.updates.sort(order);
  plan.deactivations.sort(order);
  return plan;
}

export function countsOf(plan: Plan<unknown & { active: boolean }>): Counts {
  return {
    created: plan.creates.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    deactivated: plan.deactivations.length,
  };
}
