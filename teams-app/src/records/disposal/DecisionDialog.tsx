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
  Textarea,
} from "@fluentui/react-components";
import type { DisposalView } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { useRecords } from "../common/RecordsContext.js";

/** 承認 / 差し戻し of a 廃棄予定一覧, confirmed, with a comment (If-Match: the list's ETag). */
export function DecisionDialog(props: {
  disposal: DisposalView;
  decision: "approve" | "reject" | null;
  onClose: () => void;
  onDecided: (d: DisposalView) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { api, announce } = useRecords();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decision = props.decision;

  const close = () => {
    setComment("");
    setError(null);
    props.onClose();
  };
  const submit = async () => {
    if (!decision) return;
    setBusy(true);
    setError(null);
    try {
      const decided = await api.decide(props.disposal, decision, comment);
      announce(t(`records.disposal.decided.${decision}`));
      props.onDecided(decided);
      close();
    } catch (e) {
      setError(pickErrorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={decision !== null} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{decision ? t(`records.disposal.confirmTitle.${decision}`) : ""}</DialogTitle>
          <DialogContent>
            <p>
              {decision ? t(`records.disposal.confirmBody.${decision}`, { count: props.disposal.items.length }) : ""}
            </p>
            <Field label={t("records.disposal.comment")}>
              <Textarea value={comment} maxLength={1000} onChange={(_, d) => setComment(d.value)} />
            </Field>
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={close}>
              {t("records.cancel")}
            </Button>
            <Button appearance="primary" disabled={busy} onClick={() => void submit()}>
              {decision ? t(`records.disposal.confirm.${decision}`) : ""}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
