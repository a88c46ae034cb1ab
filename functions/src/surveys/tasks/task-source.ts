/** 自分のタスク from surveys: each open survey the caller is asked to answer and has not submitted yet. */
import type { Task } from "@komu/shared";
import type { TaskSource } from "../../deps.js";
import { assignedSurveys } from "../respond/assigned.js";

export function surveysTaskSource(): TaskSource {
  return {
    id: "surveys",
    async list({ principal, deps }) {
      if (!deps.surveys) return [];
      const items = await assignedSurveys(deps.surveys, principal);
      return items
        .filter((s) => s.status !== "submitted" && s.acceptsAnswers)
        .map(
          (s): Task => ({
            id: `surveys:${s.schoolId}:${s.id}`,
            source: "surveys",
            kind: s.status === "partial" ? "surveys.partial" : "surveys.answer",
            title: { ja: `アンケート: ${s.title}`, en: `Survey: ${s.title}` },
            ...(s.status === "partial" ? { detail: { ja: "一時保存中（未提出）", en: "Saved, not submitted" } } : {}),
            schoolId: s.schoolId,
            dueAt: s.deadline,
            href: `/surveys/answer/${s.schoolId}/${s.id}`,
            priority: "normal",
          }),
        );
    },
  };
}
