import {
  Body1,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Select,
  Spinner,
  Title2,
  tokens,
} from "@fluentui/react-components";
import { fiscalYearOf } from "@komu/shared";
import { pages } from "@microsoft/teams-js";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useSession } from "../../app/session.js";
import { useLoad } from "../../app/useLoad.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { usePageTitle } from "../../pages/usePageTitle.js";
import { meetingsApi } from "../api/meetings-api.js";
import { tabConfigFor } from "../presenter/model.js";

const useStyles = makeStyles({
  page: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "40rem" },
});

/**
 * /meetings/configure — the configurable tab's configuration page (meeting side panel, stage,
 * meeting chat/details, channel): choose the school and the meeting; Teams saves a tab whose
 * content is that meeting's stage view. In a browser it links to the stage view instead.
 */
export default function ConfigureTab() {
  const { t } = useTranslation();
  const styles = useStyles();
  usePageTitle(t("presenter.configure.title"));
  const { api, host, me } = useSession();
  const schools = me.status === "ok" ? me.data.schools.filter((s) => s.staff) : [];
  const [schoolId, setSchoolId] = useState("");
  const school = schoolId || schools[0]?.id || "";
  const meetings = useMemo(() => meetingsApi(api, school), [api, school]);
  const [list, reload] = useLoad(
    () => (school ? meetings.list(fiscalYearOf(new Date()), "") : Promise.resolve({ items: [] })),
    [meetings, school],
  );
  const items = list.status === "ok" ? list.data.items.filter((m) => m.status !== "cancelled") : [];
  const [meetingId, setMeetingId] = useState("");
  const chosen = items.find((m) => m.id === meetingId) ?? items[0];
  const inTeams = host.inTeams && pages.config.isSupported();

  useEffect(() => {
    if (!inTeams) return;
    pages.config.setValidityState(!!chosen);
    if (!chosen) return;
    pages.config.registerOnSaveHandler((save) => {
      pages.config
        .setConfig(tabConfigFor(window.location.origin, school, chosen.id, chosen.title))
        .then(() => save.notifySuccess())
        .catch((e: unknown) => save.notifyFailure(e instanceof Error ? e.message : String(e)));
    });
  }, [inTeams, chosen, school]);

  return (
    <section className={styles.page} aria-labelledby="configure-title">
      <Title2 as="h1" id="configure-title">
        {t("presenter.configure.title")}
      </Title2>
      <Body1 as="p">{t("presenter.configure.body")}</Body1>
      {me.status === "loading" ? (
        <Spinner label={t("app.loading")} />
      ) : (
        <Field label={t("presenter.configure.school")}>
          <Select value={school} onChange={(_, d) => setSchoolId(d.value)}>
            {schools.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {list.status === "loading" ? (
        <Spinner label={t("app.loading")} />
      ) : list.status === "error" ? (
        <ErrorPanel error={list.error} onRetry={reload} />
      ) : items.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t("presenter.configure.none")}</MessageBarBody>
        </MessageBar>
      ) : (
        <Field label={t("presenter.configure.meeting")}>
          <Select value={chosen?.id ?? ""} onChange={(_, d) => setMeetingId(d.value)}>
            {items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {chosen && !inTeams && (
        <Button
          as="a"
          appearance="primary"
          href={`/meetings/stage?school=${encodeURIComponent(school)}&meeting=${encodeURIComponent(chosen.id)}`}
        >
          {t("presenter.configure.open")}
        </Button>
      )}
      {inTeams && chosen && <Body1 as="p">{t("presenter.configure.ready")}</Body1>}
      <Link to="/meetings">{t("presenter.configure.toMeetings")}</Link>
    </section>
  );
}
