import { Field, makeStyles, Select, Spinner, Tab, TabList, Title1, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import type { Me } from "../api/resources.js";
import { useLiveRegion } from "../app/LiveRegion.js";
import { ModulePage, NoSchoolAccess, useSchoolSwitch } from "../app/ModulePage.js";
import { useSession } from "../app/session.js";
import { useLang } from "../app/useLang.js";
import { useLoad } from "../app/useLoad.js";
import { ErrorPanel } from "../pages/ErrorPanel.js";
import { recordsApi } from "./api/records-api.js";
import { BrowseView } from "./browse/BrowseView.js";
import { RecordsProvider } from "./common/RecordsContext.js";
import { RecordDetailDrawer } from "./detail/RecordDetailDrawer.js";
import { type RecordsAbilities, recordsAbilities } from "./model/access.js";
import { SearchView } from "./search/SearchView.js";
import { UploadView } from "./upload/UploadView.js";
import { type SchoolChoice, useRecordsSchools } from "./useRecordsSchools.js";

const RegisterView = lazy(() => import("./registers/RegisterView.js"));
const DisposalView = lazy(() => import("./disposal/DisposalView.js"));

const useStyles = makeStyles({
  page: { display: "grid", gap: tokens.spacingVerticalL },
  head: { display: "flex", gap: tokens.spacingHorizontalL, alignItems: "end", flexWrap: "wrap" },
  title: { flexGrow: 1 },
  panel: { paddingBlockStart: tokens.spacingVerticalS },
});

const VIEWS = ["browse", "upload", "search", "receipt", "dispatch", "disposal"] as const;
type View = (typeof VIEWS)[number];

const VISIBLE: Record<View, (a: RecordsAbilities) => boolean> = {
  browse: (a) => a.read,
  upload: (a) => a.file,
  search: (a) => a.read,
  receipt: (a) => a.registerRead,
  dispatch: (a) => a.registerRead,
  disposal: (a) => a.disposalPropose || a.disposalApprove,
};

const visibleViews = (a: RecordsAbilities): View[] => VIEWS.filter((v) => VISIBLE[v](a));

/** /documents — 学校文書: browse, file, search, the registers and the disposal review of one school. */
export default function RecordsPage() {
  return <ModulePage titleKey="records.title">{(me) => <RecordsForUser me={me} />}</ModulePage>;
}

const RECORD_PARAMS = ["record"] as const;

function RecordsForUser({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { principal, schools } = useRecordsSchools(me);
  const [params] = useSearchParams();
  const onSchool = useSchoolSwitch(RECORD_PARAMS);
  const abilitiesOf = useMemo(() => {
    const cache = new Map<string, RecordsAbilities>();
    return (schoolId: string) => {
      const known = cache.get(schoolId);
      if (known) return known;
      const computed = recordsAbilities(principal, schoolId);
      cache.set(schoolId, computed);
      return computed;
    };
  }, [principal]);
  if (schools.status === "loading") return <Spinner label={t("app.loading")} />;
  if (schools.status === "error") return <ErrorPanel error={schools.error} />;
  const choices = schools.data;
  if (choices.length === 0) return <NoSchoolAccess titleKey="records.title" messageKey="records.noAccess" />;
  const school = choices.find((s) => s.id === params.get("school")) ?? (choices[0] as SchoolChoice);
  return (
    <SchoolRecords
      key={school.id}
      school={school}
      choices={choices}
      abilities={abilitiesOf(school.id)}
      principal={principal}
      onSchool={onSchool}
    />
  );
}

function SchoolRecords(props: {
  school: SchoolChoice;
  choices: SchoolChoice[];
  abilities: RecordsAbilities;
  principal: ReturnType<typeof useRecordsSchools>["principal"];
  onSchool: (id: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, auth, signedOut } = useSession();
  const [params, setParams] = useSearchParams();
  const { region, announce } = useLiveRegion("records-live");
  const { school, abilities } = props;

  const schoolApi = useMemo(() => recordsApi(api, school.id), [api, school.id]);
  const [plan, reloadPlan] = useLoad(() => schoolApi.filePlan(), [schoolApi]);
  const views = visibleViews(abilities);
  const requested = params.get("view") as View | null;
  const view: View = requested && views.includes(requested) ? requested : (views[0] ?? "browse");
  const recordId = params.get("record");

  const update = useCallback(
    (change: (p: URLSearchParams) => void) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        change(next);
        return next;
      }),
    [setParams],
  );
  const openRecord = useCallback((id: string) => update((p) => p.set("record", id)), [update]);
  const uploadOptions = useMemo(
    () => ({ tokens: auth, lang: () => lang, onUnauthorized: signedOut }),
    [auth, lang, signedOut],
  );

  const value = useMemo(
    () => ({
      schoolId: school.id,
      schoolName: school.name,
      api: schoolApi,
      principal: props.principal,
      abilities,
      plan,
      reloadPlan,
      uploadOptions,
      announce,
      openRecord,
    }),
    [school, schoolApi, props.principal, abilities, plan, reloadPlan, uploadOptions, announce, openRecord],
  );

  return (
    <RecordsProvider value={value}>
      <section aria-labelledby="page-title" className={styles.page}>
        <div className={styles.head}>
          <Title1 as="h1" id="page-title" className={styles.title}>
            {t("records.titleWithSchool", { school: school.name })}
          </Title1>
          {props.choices.length > 1 && (
            <Field label={t("records.school")}>
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
        <TabList
          selectedValue={view}
          onTabSelect={(_, d) => update((p) => p.set("view", String(d.value)))}
          aria-label={t("records.viewsLabel")}
        >
          {views.map((v) => (
            <Tab key={v} value={v} id={`records-tab-${v}`} data-testid={`records-tab-${v}`}>
              {t(`records.views.${v}`)}
            </Tab>
          ))}
        </TabList>
        <div role="tabpanel" aria-labelledby={`records-tab-${view}`} className={styles.panel}>
          <Suspense fallback={<Spinner label={t("app.loading")} />}>
            {view === "browse" && <BrowseView />}
            {view === "upload" && <UploadView />}
            {view === "search" && <SearchView />}
            {(view === "receipt" || view === "dispatch") && <RegisterView key={view} register={view} />}
            {view === "disposal" && <DisposalView />}
          </Suspense>
        </div>
        {region}
      </section>
      <RecordDetailDrawer recordId={recordId} onClose={() => update((p) => p.delete("record"))} />
    </RecordsProvider>
  );
}
