import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
} from "@fluentui/react-components";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../api/errors.js";
import { useLang } from "./useLang.js";

/**
 * A confirmation before an action with consequences (配信, リマインド, 終了, 再発行…): the action
 * runs from the dialog, its error is shown in the dialog, and the dialog closes when it succeeds.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  confirmLabel: string;
  children: ReactNode;
  /** The action; resolving to false keeps the dialog open (a problem shown inside it). */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const bodyId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (busy) return;
    setError(null);
    props.onClose();
  };
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await props.onConfirm();
      setBusy(false);
      if (done !== false) props.onClose();
    } catch (e) {
      setBusy(false);
      setError(pickErrorMessage(e, lang));
    }
  };
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface aria-describedby={bodyId} data-testid={props.testId}>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent id={bodyId} style={{ display: "grid", gap: 12 }}>
            {props.children}
            {error && (
              <MessageBar layout="multiline" intent="error" role="alert">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={close} disabled={busy}>
              {t("app.cancel")}
            </Button>
            <Button
              appearance="primary"
              onClick={() => void run()}
              disabledFocusable={busy}
              data-testid={props.testId ? `${props.testId}-confirm` : undefined}
            >
              {busy ? <Spinner size="tiny" /> : props.confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
