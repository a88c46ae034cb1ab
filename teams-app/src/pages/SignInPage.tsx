import {
  Body1,
  Button,
  Card,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Title1,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuthProvider } from "../auth/types.js";
import { usePageTitle } from "./usePageTitle.js";

const useStyles = makeStyles({
  page: { display: "grid", placeItems: "center", minHeight: "80vh", padding: tokens.spacingHorizontalL },
  card: { maxWidth: "460px", display: "grid", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalXL },
});

/** Outside Teams: sign in with MSAL (production) or the local tenant's user picker (local). */
export function SignInPage({ auth, error }: { auth: AuthProvider; error?: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const local = auth.kind === "local";
  usePageTitle(t("signIn.title"));
  const returnTo = `${window.location.pathname}${window.location.search}`;
  return (
    <main id="main" className={styles.page}>
      <Card className={styles.card}>
        <Title1 as="h1">{t("signIn.title")}</Title1>
        {error && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{t("signIn.failed", { reason: error })}</MessageBarBody>
          </MessageBar>
        )}
        <Body1 as="p">{t("signIn.body")}</Body1>
        {local && <Body1 as="p">{t("signIn.localNote")}</Body1>}
        <Button
          appearance="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            auth.signIn(returnTo).catch(() => setBusy(false));
          }}
        >
          {local ? t("signIn.buttonLocal") : t("signIn.buttonMicrosoft")}
        </Button>
      </Card>
    </main>
  );
}
