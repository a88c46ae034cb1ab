import {
  Badge,
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Tab,
  TabList,
  tokens,
} from "@fluentui/react-components";
import type { SurveyView } from "@komu/shared";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { ViewHeading } from "../../app/ViewHeading.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { StatusBadge } from "../common/StatusBadge.js";
import { useSurveys } from "../common/SurveysContext.js";
import { displayStatus } from "../model/status.js";
import { TrackingTab } from "./TrackingTab.js";
import { DETAIL_TABS, type DetailTab } from "./tab-names.js";

const ResultsTab = lazy(() => import("./ResultsTab.js"));
const GuardianLinksTab = lazy(() => import("./GuardianLinksTab.js"));
const SettingsTab = lazy(() => import("./SettingsTab.js"));

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalM },
  meta: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  panel: { paddingBlockStart: tokens.spacingVerticalS },
});

/** A survey's page (`?survey=<id>`): 回答状況 / 結果 / 保護者リンク (guardian surveys) / 設定, in `?view=`. */
export default function SurveyDetail({ surveyId, tab }: { surveyId: string; tab: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, openSurvey } = useSurveys();
  const [state, setState] = useState<
    { status: "loading" } | { status: "ok"; survey: SurveyView } | { status: "error"; error: unknown }
  >({ status: "loading" });
  const load = useCallback(() => {
    setState({ status: "loading" });
    api.get(surveyId).then(
      (survey) => setState({ status: "ok", survey }),
      (error: unknown) => setState({ status: "error", error }),
    );
  }, [api, surveyId]);
  useEffect(load, [load]);
  const now = useMemo(() => new Date(), []);

  if (state.status === "loading") return <Spinner label={t("app.loading")} />;
  if (state.status === "error")
    return (
      <div className={styles.wrap}>
        <ErrorPanel error={state.error} onRetry={load} />
        <div>
          <Button onClick={() => openSurvey(null)}>{t("surveys.back")}</Button>
        </div>
      </div>
    );
  const survey = state.survey;
  const onChange = (next: SurveyView) => setState({ status: "ok", survey: next });
  const tabs = DETAIL_TABS.filter((x) => x !== "links" || survey.audience.kind === "guardians");
  const current: DetailTab = tabs.includes(tab as DetailTab) ? (tab as DetailTab) : "tracking";
  return (
    <div className={styles.wrap} data-testid="survey-detail" data-survey-id={survey.id}>
      <div>
        <Button appearance="subtle" onClick={() => openSurvey(null)}>
          {t("surveys.back")}
        </Button>
      </div>
      <ViewHeading>{survey.title}</ViewHeading>
      <div className={styles.meta}>
        <StatusBadge status={displayStatus(survey, now)} />
        {survey.anonymous && <Badge appearance="outline">{t("surveys.badge.anonymous")}</Badge>}
        {survey.source.kind === "forms" && <Badge appearance="outline">{t("surveys.badge.forms")}</Badge>}
        <Body1>{t("surveys.detail.deadline", { date: formatInstant(survey.deadline, lang) })}</Body1>
        <Body1>{t("surveys.detail.owner", { name: survey.owner.name })}</Body1>
      </div>
      {survey.status === "draft" ? (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>
            {t("surveys.detail.draft")}{" "}
            <Button size="small" onClick={() => openSurvey(survey.id, "edit")}>
              {t("surveys.detail.edit")}
            </Button>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <TabList
            selectedValue={current}
            onTabSelect={(_, d) => openSurvey(survey.id, String(d.value))}
            aria-label={t("surveys.detail.tabsLabel")}
          >
            {tabs.map((x) => (
              <Tab key={x} value={x} id={`survey-tab-${x}`} data-testid={`survey-tab-${x}`}>
                {t(`surveys.detail.tabs.${x}`)}
              </Tab>
            ))}
          </TabList>
          <div role="tabpanel" aria-labelledby={`survey-tab-${current}`} className={styles.panel}>
            <Suspense fallback={<Spinner label={t("app.loading")} />}>
              {current === "tracking" && <TrackingTab survey={survey} onChange={onChange} />}
              {current === "results" && <ResultsTab survey={survey} />}
              {current === "links" && <GuardianLinksTab survey={survey} />}
              {current === "settings" && <SettingsTab survey={survey} onChange={onChange} />}
            </Suspense>
          </div>
        </>
      )}
    </div>
  );
}
