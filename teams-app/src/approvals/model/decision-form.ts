import type { DecisionInput } from "@komu/shared";
import { COMMENT_MAX } from "@komu/shared";

export type DecisionKind = "approve" | "return" | "reject" | "delegate";

export interface DecisionForm {
  kind: DecisionKind;
  comment: string;
  /** For 差し戻し: "drafter" or an earlier stage id. */
  to: string;
}

export type DecisionProblem = "commentRequired" | "commentTooLong" | "targetRequired" | null;

/** 差し戻し and 却下 need a comment; a 差し戻し needs a target the server offered. */
export function decisionProblem(form: DecisionForm, targets: readonly { id: string }[]): DecisionProblem {
  const comment = form.comment.trim();
  if (comment.length > COMMENT_MAX) return "commentTooLong";
  if ((form.kind === "return" || form.kind === "reject") && comment === "") return "commentRequired";
  if (form.kind === "return" && !targets.some((t) => t.id === form.to)) return "targetRequired";
  return null;
}

/** The body of POST …/decisions for a valid form. */
export function decisionInput(form: DecisionForm, stepToken: string): DecisionInput {
  const comment = form.comment.trim();
  const withComment = comment ? { comment } : {};
  if (form.kind === "return") return { type: "return", stepToken, to: form.to, ...withComment };
  return { type: form.kind, stepToken, ...withComment };
}
