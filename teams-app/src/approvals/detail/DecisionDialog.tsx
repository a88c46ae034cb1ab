import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
} from "@fluentui/react-components";
import { type ApprovalDetailView, COMMENT_MAX } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { useApprovals } from "../common/ApprovalsContext.js";
import { type DecisionKind, decisionInput, decisionProblem } from "../model/decision-form.js";

export type DialogAction = DecisionKind | "withdraw" | "submit" | "review";

/**
 * Confirm an action: 承認 / 差し戻し (target, comment required) / 却下 (comment required) /
 * 代決 with the stage token the page was shown; 引戻し and 提出 with the approval's ETag.
 * A decision that lost a race (someone decided first) reloads the page with the server's word.
 */
export function DecisionDialog(props: {
  detail: ApprovalDetailView;
  action: DialogAction | null;
  /** For 後閲: the stage a deputy decided on for the viewer. */
  reviewStage: string | null;
  onClose: () => void;
  onDone: (next: ApprovalDetailView | null) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { api, announce } = useApprovals();
  const { detail, action } = props;
  const targets = detail.abilities.returnTargets;
  const [comment, setComment] = useState("");
  const [to, setTo] = useState(targets[0]?.id ?? "drafter");
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const isDecision = action === "approve" || action === "return" || action === "reject" || action === "delegate";
  const problem = isDecision ? decisionProblem({ kind: action, comment, to }, targets) : null;
  const close = () => {
    setComment("");
    setError(null);
    setTried(false);
    props.onClose();
  };

  const run = async () => {
    if (!action) return;
    setTried(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    const ref = { id: detail.approval.id, etag: detail.etag };
    try {
      let next: ApprovalDetailView;
      if (isDecision) {
        const token = detail.abilities.stepToken;
        if (!token) throw new Error("no step token");
        next = await api.decide(detail.approval.id, decisionInput({ kind: action, comment, to }, token));
      } else if (action === "review") {
        if (!props.reviewStage) throw new Error("no stage to acknowledge");
        next = await api.review(detail.approval.id, props.reviewStage);
      } else if (action === "withdraw") {
        next = await api.withdraw(ref, comment.trim() ? { comment: comment.trim() } : {});
      } else {
        next = await api.submit(ref);
      }
      announce(t(`approvals.decide.done.${action}`));
      props.onDone(next);
      close();
    } catch (e) {
      setError(pickErrorMessage(e, lang));
      // Someone decided first, or the approval changed: show the server's current state behind the message.
      if (e instanceof ApiError && (e.status === 409 || e.status === 412)) props.onDone(null);
    } finally {
      setBusy(false);
    }
  };

  const needsComment = action === "return" || action === "reject";
  const showComment = action !== "submit" && action !== "review";
  return (
    <Dialog open={action !== null} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface aria-describedby="decision-body">
        <DialogBody>
          <DialogTitle>{action && t(`approvals.decide.title.${action}`)}</DialogTitle>
          <DialogContent id="decision-body" style={{ display: "grid", gap: 12 }}>
            <p>{action && t(`approvals.decide.body.${action}`, { title: detail.approval.title })}</p>
            {action === "return" && (
              <Field
                label={t("approvals.decide.target")}
                required
                validationMessage={
                  tried && problem === "targetRequired" ? t("approvals.decide.targetRequired") : undefined
                }
              >
                <Select value={to} onChange={(_, d) => setTo(d.value)} data-testid="return-target">
                  {targets.map((target) => (
                    <option key={target.id} value={target.id}>
                      {target.id === "drafter" ? t("approvals.decide.toDrafter") : target.label}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            {showComment && (
              <Field
                label={needsComment ? t("approvals.decide.commentRequired") : t("approvals.decide.comment")}
                required={needsComment}
                validationMessage={
                  tried && problem === "commentRequired"
                    ? t("approvals.decide.commentMissing")
                    : problem === "commentTooLong"
                      ? t("approvals.decide.commentTooLong", { max: COMMENT_MAX })
                      : undefined
                }
              >
                <Textarea
                  value={comment}
                  onChange={(_, d) => setComment(d.value)}
                  resize="vertical"
                  data-testid="decision-comment"
                />
              </Field>
            )}
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={close} disabled={busy}>
              {t("approvals.decide.cancel")}
            </Button>
            <Button appearance="primary" onClick={() => void run()} disabled={busy} data-testid="decision-confirm">
              {action && t(`approvals.decide.confirm.${action}`)}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
