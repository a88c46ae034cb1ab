/** Japanese labels of the registers' columns and values (the export and the tab show the same words). */
import type { DeliveryChannel, RegisterEntryStatus, RegisterKind } from "@komu/shared";

export const NUMBER_LABEL: Record<RegisterKind, string> = { receipt: "受付番号", dispatch: "文書番号" };
export const DATE_LABEL: Record<RegisterKind, string> = { receipt: "収受日", dispatch: "発送日" };
export const COUNTERPART_LABEL: Record<RegisterKind, string> = { receipt: "差出人", dispatch: "宛先" };

export const CHANNEL_LABEL: Record<DeliveryChannel, string> = {
  mail: "郵送",
  fax: "FAX",
  email: "電子メール",
  hand: "手渡し",
  system: "システム",
  other: "その他",
};

export const STATUS_LABEL: Record<RegisterEntryStatus, string> = {
  reserved: "番号取得",
  filed: "保存済み",
  voided: "取消",
};
