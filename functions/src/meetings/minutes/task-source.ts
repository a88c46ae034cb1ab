/**
 * 自分のタスク from meetings: each open action item assigned to the caller (due date, a link to
 * the meeting page). Meetings are found through the meetingAssignee rows (indexed by oid) of the
 * caller's schools and read for the truth; cancelled meetings give none.
 */
import type { Task } from "@komu/shared";
import type { TaskSource } from "../../deps.js";
import { meetingsRepos } from "../entities.js";
import { assigneeRepo, openItemsOf } from "./action-index.js";

/** 23:59 JST of a due date, as UTC. */
const endOfJstDay = (date: string) => new Date(Date.parse(`${date}T23:59:00.000Z`) - 9 * 3600_000).toISOString();

export function meetingsTaskSource(): TaskSource {
  return {
    id: "meetings",
    async list({ principal, deps }) {
      const meetings = deps.meetings;
      if (!meetings || principal.kind === "student") return [];
      const tasks: Task[] = [];
      for (const { schoolId } of principal.memberships) {
        const rows = await assigneeRepo(meetings.storage).list(schoolId, { where: { oid: principal.oid }, limit: 200 });
        for (const ref of rows.items) {
          const meeting = await meetingsRepos(meetings.storage).meetings.get(schoolId, ref.data.meetingId);
          if (!meeting || meeting.data.status === "cancelled") continue;
          for (const item of openItemsOf(meeting.data, principal.oid))
            tasks.push({
              id: `meetings:${schoolId}:${meeting.id}:${item.id}`,
              source: "meetings",
              kind: "meetings.actionItem",
              title: { ja: `会議の宿題: ${item.title}`, en: `Meeting action: ${item.title}` },
              detail: { ja: meeting.data.title, en: meeting.data.title },
              schoolId,
              dueAt: endOfJstDay(item.dueDate),
              href: `/meetings?school=${encodeURIComponent(schoolId)}&meeting=${encodeURIComponent(meeting.id)}`,
              priority: "normal",
            });
        }
      }
      return tasks;
    },
  };
}
