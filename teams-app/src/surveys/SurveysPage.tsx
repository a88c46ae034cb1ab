import { Button, Field, makeStyles, Select, Spinner, Tab, TabList, Title1, tokens } from "@fluentui/react-components";
import { lazy, type ReactNode, Suspense, useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router-dom";
import type { Me } from "../api/resources.js";
import { useLiveRegion } from "../app/LiveRegion.js";
import { ModulePage, NoSchoolAccess, schoolChoices, useSchoolSwitch } from "../app/ModulePage.js";
import { useSession } from "../app/session.js";
import { principalFromMe } from "../records/model/access.js";
import { surveysApi } from "./api/surveys-api.js";
import { SurveysProvider } from "./common/SurveysContext.js";
import { AssignedList } from "./list/AssignedList.js";
import { SurveyList } from "./list/SurveyList.js";
import { surveySchools, type View, visibleViews } from "./model/views.js";

const SurveyDetail = lazy(() => import("./detail/SurveyDetail.js"));
const BuilderView = lazy(() => import("./builder/BuilderView.js"));
const RespondView = lazy(() => import("./respond/RespondView.js"));
const FormsView = lazy(() => import("./forms/FormsView.js"));

const useStyles = makeStyles({
  page: { display: "grid", gap: tokens.spacingVerticalL },
  head: { display: "flex", gap: tokens.spacingHorizontalL, alignItems: "end", flexWrap: "wrap" },
  title: { flexGrow: 1 },
  panel: { paddingBlockStart: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/**
 * /surveys — アンケート: the lists (mine, the school's, to answer), the builder (new, a draft's
 * edit), a survey's page (?survey=), Forms の取り込み; answering at /surveys/answer/<school>/<survey>
 * (the home page's task links) or ?view=respond&survey=.
 */
export default function SurveysPage() {
  return <ModulePage titleKey="surveys.title">{(me) => <SurveysForUser me={me} />}</ModulePage>;
}

const LIST_VIEWS: readonly View[] = ["mine", "school", "answer"];
const SURVEY_PARAMS = ["survey"] as const;

function SurveysForUser({ me }: { me: Me }) {
  const [params] = useSearchParams();
  const routeParams = useParams();
  const principal = useMemo(() => principalFromMe(me), [me]);
  const choices = useMemo(() => schoolChoices(me, surveySchools(principal)), [me, principal]);
  const onSchool = useSchoolSwitch(SURVEY_PARAMS);
  if (choices.length === 0) return <NoSchoolAccess titleKey="surveys.title" messageKey="surveys.noAccess" />;
  const wanted = routeParams.schoolId ?? params.get("school");
  const school = choices.find((s) => s.id === wanted) ?? choices[0];
  if (!school) return null;
  return (
    <SchoolSurveys
      key={school.id}
      school={school}
      choices={choices}
      principal={principal}
      answerPath={routeParams.surveyId ?? null}
      onSchool={onSchool}
    />
  );
}

function SchoolSurveys(props: {
  school: { id: string; name: string };
  choices: { id: string; name: string }[];
  principal: ReturnType<typeof principalFromMe>;
  /** The survey of /surveys/answer/<school>/<survey>. */
  answerPath: string | null;
  onSchool: (id: string) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { api } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { region, announce } = useLiveRegion("surveys-live");
  const { school, principal } = props;
  const schoolApi = useMemo(() => surveysApi(api, school.id), [api, school.id]);
  const views = useMemo(() => visibleViews(principal, school.id), [principal, school.id]);
  const requested = params.get("view");
  const surveyId = params.get("survey");
  const respondId = props.answerPath ?? (requested === "respond" ? surveyId : null);
  const listViews = LIST_VIEWS.filter((v) => views.includes(v));
  const view: View =
    requested && views.includes(requested as View) ? (requested as View) : (listViews[0] ?? views[0] ?? "answer");

  const update = useCallback(
    (change: (p: URLSearchParams) => void) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        change(next);
        return next;
      }),
    [setParams],
  );
  const openSurvey = useCallback(
    (id: string | null, sub?: string) =>
      update((p) => {
        if (id) p.set("survey", id);
        else p.delete("survey");
        if (sub) p.set("view", sub);
        else p.delete("view");
      }),
    [update],
  );
  const go = useCallback(
    (v: View) => navigate(`/surveys?school=${encodeURIComponent(school.id)}&view=${v}`),
    [navigate, school.id],
  );
  const respond = useCallback(
    (schoolId: string, id: string) =>
      navigate(`/surveys/answer/${encodeURIComponent(schoolId)}/${encodeURIComponent(id)}`),
    [navigate],
  );
  const value = useMemo(
    () => ({
      schoolId: school.id,
      schoolName: school.name,
      api: schoolApi,
      principal,
      views,
      announce,
      openSurvey,
      go,
      respond,
    }),
    [school, schoolApi, principal, views, announce, openSurvey, go, respond],
  );

  let body: ReactNode;
  if (respondId) body = <RespondView key={respondId} surveyId={respondId} />;
  else if (surveyId && requested === "edit") body = <BuilderView key={`edit-${surveyId}`} surveyId={surveyId} />;
  else if (surveyId) body = <SurveyDetail key={surveyId} surveyId={surveyId} tab={requested} />;
  else if (view === "new") body = <BuilderView key="new" surveyId={null} />;
  else if (view === "forms") body = <FormsView />;
  else body = null;

  return (
    <SurveysProvider value={value}>
      <section aria-labelledby="page-title" className={styles.page}>
        <div className={styles.head}>
          <Title1 as="h1" id="page-title" className={styles.title}>
            {t("surveys.titleWithSchool", { school: school.name })}
          </Title1>
          {props.choices.length > 1 && !props.answerPath && (
            <Field label={t("surveys.school")}>
              <Select value={school.id} onChange={(_, d) => props.onSchool(d.value)}>
                {props.choices.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </div>
        {body ? (
          <Suspense fallback={<Spinner label={t("app.loading")} />}>{body}</Suspense>
        ) : (
          <>
            {views.includes("new") && (
              <div className={styles.actions}>
                <Button appearance="primary" onClick={() => go("new")} data-testid="surveys-new">
                  {t("surveys.views.new")}
                </Button>
                <Button onClick={() => go("forms")} data-testid="surveys-forms">
                  {t("surveys.views.forms")}
                </Button>
              </div>
            )}
            <TabList
              selectedValue={view}
              onTabSelect={(_, d) => update((p) => p.set("view", String(d.value)))}
              aria-label={t("surveys.viewsLabel")}
            >
              {listViews.map((v) => (
                <Tab key={v} value={v} id={`surveys-tab-${v}`} data-testid={`surveys-tab-${v}`}>
                  {t(`surveys.views.${v}`)}
                </Tab>
              ))}
            </TabList>
            <div role="tabpanel" aria-labelledby={`surveys-tab-${view}`} className={styles.panel}>
              {(view === "mine" || view === "school") && <SurveyList key={view} scope={view} />}
              {view === "answer" && <AssignedList />}
            </div>
          </>
        )}
        {region}
      </section>
    </SurveysProvider>
  );
}
