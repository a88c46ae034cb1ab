import { Body1, makeStyles, Title1, tokens } from "@fluentui/react-components";
import { pages } from "@microsoft/teams-js";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "./usePageTitle.js";

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalL, display: "grid", gap: tokens.spacingVerticalS },
});

/**
 * /config — configuration page of the configurable tab (channels, chats, meeting side panel and
 * stage). The tab points at the meetings module, which issue #6 builds.
 */
export default function ConfigPage({ inTeams }: { inTeams: boolean }) {
  const { t } = useTranslation();
  const styles = useStyles();
  usePageTitle(t("config.title"));
  useEffect(() => {
    if (!inTeams || !pages.config.isSupported()) return;
    const origin = window.location.origin;
    pages.config.registerOnSaveHandler((save) => {
      pages.config
        .setConfig({
          entityId: "meetings",
          contentUrl: `${origin}/meetings`,
          websiteUrl: `${origin}/meetings`,
          suggestedDisplayName: t("nav.meetings"),
        })
        .then(() => save.notifySuccess())
        .catch((e: unknown) => save.notifyFailure(e instanceof Error ? e.message : String(e)));
    });
    pages.config.setValidityState(true);
  }, [inTeams, t]);
  return (
    <main id="main" className={styles.page}>
      <Title1 as="h1">{t("config.title")}</Title1>
      <Body1 as="p">{t("config.body")}</Body1>
      {inTeams && <Body1 as="p">{t("config.ready")}</Body1>}
    </main>
  );
}
