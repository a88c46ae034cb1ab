import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import { app } from "@microsoft/teams-js";
import { Suspense, useEffect, useMemo } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import type { Boot } from "../boot/start.js";
import { createI18n } from "../i18n/index.js";
import { fluentTheme } from "../teams/theme.js";
import { MODULES } from "./modules.js";
import {
  ConfigPage,
  HomePage,
  LegalPage,
  MeetingStagePage,
  MeetingTabConfigPage,
  MODULE_PAGES,
  NotFoundPage,
} from "./routes.js";
import { SignedInArea } from "./SignedInArea.js";
import { useThemeKey } from "./useThemeKey.js";

function ConfigUnavailable() {
  const { t } = useTranslation();
  return (
    <main id="main" style={{ padding: 24 }}>
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{t("errors.title")}</MessageBarTitle>
          {t("errors.configUnavailable")}
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}

const SurveysAnswerPage = MODULE_PAGES.surveys;

function Routed({ boot }: { boot: Extract<Boot, { kind: "ready" }> }) {
  const { t } = useTranslation();
  return (
    <BrowserRouter>
      <Suspense fallback={<Spinner label={t("app.loading")} />}>
        <Routes>
          <Route path="/privacy" element={<LegalPage kind="privacy" />} />
          <Route path="/terms" element={<LegalPage kind="terms" />} />
          <Route path="/config" element={<ConfigPage inTeams={boot.host.inTeams} />} />
          <Route
            element={
              <SignedInArea
                config={boot.config}
                host={boot.host}
                auth={boot.auth}
                {...(boot.signInError ? { signInError: boot.signInError } : {})}
              />
            }
          >
            <Route index element={<HomePage />} />
            {/* Meetings' presenter view (Teams meeting side panel and stage too) and the meeting tab's configuration. */}
            <Route path="/meetings/stage" element={<MeetingStagePage />} />
            <Route path="/meetings/configure" element={<MeetingTabConfigPage />} />
            {MODULES.map((m) => {
              const Page = MODULE_PAGES[m.key];
              return <Route key={m.key} path={m.path} element={<Page />} />;
            })}
            {/* Answering a survey in the tab: the home page's task links and the cards open this path. */}
            <Route path="/surveys/answer/:schoolId/:surveyId" element={<SurveysAnswerPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}

export function Root({ boot }: { boot: Boot }) {
  const i18n = useMemo(() => createI18n(boot.lang), [boot.lang]);
  const themeKey = useThemeKey(boot.kind === "ready" ? boot.host : undefined, boot.theme);
  const inTeams = boot.kind === "ready" && boot.host.inTeams;

  useEffect(() => {
    if (!inTeams) return;
    app.notifyAppLoaded();
    void app.notifySuccess();
  }, [inTeams]);

  return (
    <I18nextProvider i18n={i18n}>
      <FluentProvider theme={fluentTheme(themeKey)} style={{ minHeight: "100vh" }}>
        {boot.kind === "ready" ? <Routed boot={boot} /> : <ConfigUnavailable />}
      </FluentProvider>
    </I18nextProvider>
  );
}
