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
import type { RegisterEntryView } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { useRecords } from "../common/RecordsContext.js";

/** 取消: a number is never reused or deleted; it is voided with a reason (If-Match: the line's ETag). */
export function VoidDialog(props: {
  entry: RegisterEntryView | null;
  onClose: () => void;
  onVoided: (entry: RegisterEntryView) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { api, announce } = useRecords();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const entry = props.entry;

  const close = () => {
    setReason("");
    setError(null);
    setTried(false);
    props.onClose();
  };

  const submit = async () => {
    setTried(true);
    if (!entry || !reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const voided = await api.voidEntry(entry, reason.trim());
      announce(t("records.registers.voided", { number: voided.number }));
      props.onVoided(voided);
      close();
    } catch (e) {
      setError(pickErrorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={entry !== null} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t("records.registers.voidTitle", { number: entry?.number ?? "" })}</DialogTitle>
          <DialogContent>
            <p>{t("records.registers.voidExplain")}</p>
            <Field
              label={t("records.registers.voidReason")}
              required
              validationMessage={tried && !reason.trim() ? t("records.registers.required") : undefined}
            >
              <Textarea value={reason} maxLength={500} onChange={(_, d) => setReason(d.value)} />
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
              {t("records.registers.voidConfirm")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
