import { can, type MeetingView, type Principal } from "@komu/shared";

/** The meeting list's levels: the list, and 新規作成 for chairs (meeting.manage). */
export type ListView = "list" | "new";

export function canChair(principal: Principal, schoolId: string): boolean {
  return can(principal, "meeting.manage", { schoolId });
}

/** Schools where the user may use meetings (read, or chair). */
export function meetingSchools(principal: Principal): string[] {
  return principal.schools.filter(
    (id) => can(principal, "meeting.read", { schoolId: id, classification: "III" }) || canChair(principal, id),
  );
}

/** A meeting's tabs: 議題と資料 (everyone), 資料の管理 and 編集 (chair), 閲覧状況 (chair), 議事録. */
export const MEETING_TABS = ["agenda", "materials", "edit", "read", "minutes"] as const;
export type MeetingTab = (typeof MEETING_TABS)[number];

export function meetingTabs(view: Pick<MeetingView, "abilities" | "status" | "minutes">): MeetingTab[] {
  const a = view.abilities;
  const minutes = a.recordMinutes || a.manage || view.minutes.status !== "draft" || view.minutes.actionItems.length > 0;
  const checks: Record<MeetingTab, boolean> = {
    agenda: true,
    materials: a.manage && view.status !== "cancelled",
    edit: a.manage && view.status !== "cancelled",
    read: a.readStatus,
    minutes,
  };
  return MEETING_TABS.filter((t) => checks[t]);
}

/** The tab to show for `?view=` (unknown or not allowed: the agenda). */
export function pickTab(requested: string | null, tabs: readonly MeetingTab[]): MeetingTab {
  return requested && tabs.includes(requested as MeetingTab) ? (requested as MeetingTab) : "agenda";
}
