import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { createApiClient } from "../api/client.js";
import { getMe } from "../api/resources.js";
import type { AuthProvider } from "../auth/types.js";
import type { ClientConfig } from "../config/client-config.js";
import { SignInPage } from "../pages/SignInPage.js";
import type { HostInfo } from "../teams/host.js";
import { AppShell } from "./AppShell.js";
import { SessionProvider } from "./session.js";
import { useLoad } from "./useLoad.js";

type AuthState = "checking" | "signedIn" | "signedOut";

const NEVER = new Promise<never>(() => {});

/** Everything behind sign-in: checks for a token first, then renders the shell with a session. */
export function SignedInArea(props: {
  config: ClientConfig;
  host: HostInfo;
  auth: AuthProvider;
  signInError?: string;
}) {
  const { config, host, auth } = props;
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<AuthState>("checking");
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check on "try again"
  useEffect(() => {
    let live = true;
    auth.getToken().then(
      () => live && setState("signedIn"),
      () => live && setState("signedOut"),
    );
    return () => {
      live = false;
    };
  }, [auth, attempt]);

  const api = useMemo(
    () =>
      createApiClient({
        tokens: auth,
        onUnauthorized: () => setState("signedOut"),
        lang: () => (i18n.language === "en" ? "en" : "ja"),
      }),
    [auth, i18n],
  );
  const [me, reloadMe] = useLoad(() => (state === "signedIn" ? getMe(api) : NEVER), [api, state]);

  if (state === "checking") return <Spinner label={t("app.loading")} style={{ marginTop: "20vh" }} />;
  if (state === "signedOut") {
    if (!host.inTeams) return <SignInPage auth={auth} {...(props.signInError ? { error: props.signInError } : {})} />;
    return (
      <main id="main" style={{ padding: 24 }}>
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t("teams.tokenFailed")}</MessageBarBody>
          <MessageBarActions>
            <Button
              onClick={() => {
                setState("checking");
                setAttempt((n) => n + 1);
              }}
            >
              {t("teams.retry")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      </main>
    );
  }
  return (
    <SessionProvider value={{ config, host, auth, api, me, reloadMe, signedOut: () => setState("signedOut") }}>
      <AppShell />
    </SessionProvider>
  );
}
