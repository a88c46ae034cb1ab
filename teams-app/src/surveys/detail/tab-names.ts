/** The tabs of a survey's page (`?view=` beside `?survey=`): 回答状況 / 結果 / 保護者リンク / 設定. */
export const DETAIL_TABS = ["tracking", "results", "links", "settings"] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];
