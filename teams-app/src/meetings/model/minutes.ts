import type { ActionItem, MeetingView, MinutesInput } from "@komu/shared";
import type { z } from "zod";

export interface MinutesForm {
  items: { agendaItemId: string; title: string; discussion: string; decisions: string }[];
  actionItems: { id: string; title: string; assigneeOid: string; assigneeName: string; dueDate: string }[];
  other: string;
}

/** The minutes editor pre-filled from the agenda: one block per agenda item (saved text kept), action items, other notes. */
export function minutesForm(view: Pick<MeetingView, "agenda" | "minutes">): MinutesForm {
  const saved = new Map(view.minutes.items.map((i) => [i.agendaItemId, i]));
  return {
    items: view.agenda.map((a) => ({
      agendaItemId: a.id,
      title: a.title,
      discussion: saved.get(a.id)?.discussion ?? "",
      decisions: saved.get(a.id)?.decisions ?? "",
    })),
    actionItems: view.minutes.actionItems.map((a) => ({
      id: a.id,
      title: a.title,
      assigneeOid: a.assigneeOid,
      assigneeName: a.assigneeName,
      dueDate: a.dueDate,
    })),
    other: view.minutes.other,
  };
}

export function minutesInput(form: MinutesForm): z.input<typeof MinutesInput> {
  return {
    items: form.items.map((i) => ({
      agendaItemId: i.agendaItemId,
      discussion: i.discussion.trim(),
      decisions: i.decisions.trim(),
    })),
    actionItems: form.actionItems.map((a) => ({
      id: a.id,
      title: a.title.trim(),
      assigneeOid: a.assigneeOid,
      assigneeName: a.assigneeName,
      dueDate: a.dueDate,
    })),
    other: form.other.trim(),
  };
}

/** Problems of action items before saving (title, assignee, due date), by path "actionItems.<i>.<field>". */
export function actionItemProblems(
  form: MinutesForm,
  messages: { required: string; assignee: string; date: string },
): Map<string, string> {
  const out = new Map<string, string>();
  form.actionItems.forEach((a, i) => {
    if (!a.title.trim()) out.set(`actionItems.${i}.title`, messages.required);
    if (!a.assigneeOid) out.set(`actionItems.${i}.assigneeOid`, messages.assignee);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(a.dueDate)) out.set(`actionItems.${i}.dueDate`, messages.date);
  });
  return out;
}

/** Action items assigned to this user. */
export function myActionItems(view: Pick<MeetingView, "minutes">, oid: string): ActionItem[] {
  return view.minutes.actionItems.filter((a) => a.assigneeOid === oid);
}

/** Minutes can be edited while a draft or returned (submitted/approved are locked). */
export function minutesEditable(view: Pick<MeetingView, "minutes" | "abilities" | "status">): boolean {
  return (
    view.abilities.recordMinutes &&
    view.status !== "cancelled" &&
    (view.minutes.status === "draft" || view.minutes.status === "returned")
  );
}

export function newActionId(taken: readonly string[], random: () => number = Math.random): string {
  for (;;) {
    const id = `t${Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, "0")}`;
    if (!taken.includes(id)) return id;
  }
}
