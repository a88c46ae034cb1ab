import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../api/errors.js";
import { useLang } from "../app/useLang.js";

/** An API error in the current language, with a retry button. */
export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t("errors.title")}</MessageBarTitle>
        {pickErrorMessage(error, lang)}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t("errors.retry")}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
