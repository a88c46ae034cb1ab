/**
 * Retention labels: a label set on an item applies to it; a label on a folder applies to
 * everything below it unless a descendant has its own (reported with isLabelAppliedExplicitly
 * false). Label behaviour comes from `sp.retentionLabels` (name → settings); unknown names get
 * Microsoft's documented default for a "retain" label.
 */
import type { TenantContext } from "../../context.js";
import { ancestorsOf, COLLECTIONS, type DriveItemRecord, type RetentionLabelRecord } from "./model.js";

export interface RetentionSettings {
  behaviorDuringRetentionPeriod: "doNotRetain" | "retain" | "retainAsRecord" | "retainAsRegulatoryRecord";
  isDeleteAllowed: boolean;
  isRecordLocked: boolean;
  isMetadataUpdateAllowed: boolean;
  isContentUpdateAllowed: boolean;
  isLabelUpdateAllowed: boolean;
}

export const DEFAULT_SETTINGS: RetentionSettings = {
  behaviorDuringRetentionPeriod: "retain",
  isDeleteAllowed: false,
  isRecordLocked: false,
  isMetadataUpdateAllowed: false,
  isContentUpdateAllowed: false,
  isLabelUpdateAllowed: false,
};

/** Registers how a label behaves (optional; for tests and the seed). */
export function defineRetentionLabel(ctx: TenantContext, name: string, settings: Partial<RetentionSettings>): void {
  ctx.store.collection<RetentionSettings>(COLLECTIONS.labels).set(name, { ...DEFAULT_SETTINGS, ...settings });
  ctx.store.changed();
}

export function labelSettings(ctx: TenantContext, name: string): RetentionSettings {
  return ctx.store.collection<RetentionSettings>(COLLECTIONS.labels).get(name) ?? DEFAULT_SETTINGS;
}

export interface EffectiveLabel {
  label: RetentionLabelRecord;
  explicit: boolean;
  /** the item the label was set on */
  sourceId: string;
}

export function effectiveLabel(ctx: TenantContext, item: DriveItemRecord): EffectiveLabel | undefined {
  if (item.retentionLabel) return { label: item.retentionLabel, explicit: true, sourceId: item.id };
  for (const ancestor of ancestorsOf(ctx, item)) {
    if (ancestor.retentionLabel) return { label: ancestor.retentionLabel, explicit: false, sourceId: ancestor.id };
  }
  return undefined;
}

export function serializeLabel(ctx: TenantContext, effective: EffectiveLabel): Record<string, unknown> {
  return {
    name: effective.label.name,
    retentionSettings: { ...labelSettings(ctx, effective.label.name) },
    isLabelAppliedExplicitly: effective.explicit,
    labelAppliedDateTime: effective.label.appliedDateTime,
    labelAppliedBy: effective.label.appliedBy,
  };
}
