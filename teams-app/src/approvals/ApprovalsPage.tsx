import { Field, makeStyles, Select, Spinner, Tab, TabList, Title1, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import type { Me } from "../api/resources.js";
import { useLiveRegion } from "../app/LiveRegion.js";
import { ModulePage, NoSchoolAccess, schoolChoices, useSchoolSwitch } from "../app/ModulePage.js";
import { useSession } from "../app/session.js";
import { useLang } from "../app/useLang.js";
import { useLoad } from "../app/useLoad.js";
import { recordsApi } from "../records/api/records-api.js";
import { principalFromMe } from "../records/model/access.js";
import { approvalsApi } from "./api/approvals-api.js";
import { ApprovalsProvider } from "./common/ApprovalsContext.js";
import { ApprovalList } from "./list/ApprovalList.js";
import { parseApprovalSubPageId } from "./model/deep-link.js";
import { approvalSchools, type View, visibleViews } from "./model/views.js";

const ApprovalDetail = lazy(() => import("./detail/ApprovalDetail.js"));
const DraftView = lazy(() => import("./draft/DraftView.js"));
const VerifyView = lazy(() => import("./verify/VerifyView.js"));
const SealView = lazy(() => import("./seal/SealView.js"));

const useStyles = makeStyles({
  page: { display: "grid", gap: tokens.spacingVerticalL },
  head: { display: "flex", gap: tokens.spacingHorizontalL, alignItems: "end", flexWrap: "wrap" },
  title: { flexGrow: 1 },
  panel: { paddingBlockStart: tokens.spacingVerticalS },
});

/** /approvals — 承認 (電子決裁): the lists, 起案, an approval's detail (?approval=), 検証 and 印影. */
export default function ApprovalsPage() {
  return <ModulePage titleKey="approvals.title">{(me) => <ApprovalsForUser me={me} />}</ModulePage>;
}

const APPROVAL_PARAMS = ["approval"] as const;

function ApprovalsForUser({ me }: { me: Me }) {
  const [params, setParams] = useSearchParams();
  const { host } = useSession();
  // A Teams deep link (a card's 文書を開く) names the approval in the sub-page id: open it once.
  const deepLinked = useRef(false);
  useEffect(() => {
    if (deepLinked.current || !host.inTeams) return;
    deepLinked.current = true;
    const target = parseApprovalSubPageId(host.context.page.subPageId);
    if (target && !params.get("approval"))
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set("school", target.schoolId);
        next.set("approval", target.approvalId);
        return next;
      });
  }, [host, params, setParams]);
  const principal = useMemo(() => principalFromMe(me), [me]);
  const choices = useMemo(() => schoolChoices(me, approvalSchools(principal)), [me, principal]);
  const onSchool = useSchoolSwitch(APPROVAL_PARAMS);
  if (choices.length === 0) return <NoSchoolAccess titleKey="approvals.title" messageKey="approvals.noAccess" />;
  const school = choices.find((s) => s.id === params.get("school")) ?? choices[0];
  if (!school) return null;
  return (
    <SchoolApprovals key={school.id} school={school} choices={choices} principal={principal} onSchool={onSchool} />
  );
}

function SchoolApprovals(props: {
  school: { id: string; name: string };
  choices: { id: string; name: string }[];
  principal: ReturnType<typeof principalFromMe>;
  onSchool: (id: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, auth, signedOut } = useSession();
  const [params, setParams] = useSearchParams();
  const { region, announce } = useLiveRegion("approvals-live");
  const { school, principal } = props;

  const schoolApi = useMemo(() => approvalsApi(api, school.id), [api, school.id]);
  const records = useMemo(() => recordsApi(api, school.id), [api, school.id]);
  const [plan, reloadPlan] = useLoad(() => records.filePlan(), [records]);
  const views = useMemo(() => visibleViews(principal, school.id), [principal, school.id]);
  const requested = params.get("view") as View | null;
  const view: View = requested && views.includes(requested) ? requested : (views[0] ?? "verify");
  const approvalId = params.get("approval");

  const update = useCallback(
    (change: (p: URLSearchParams) => void) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        change(next);
        return next;
      }),
    [setParams],
  );
  const openApproval = useCallback(
    (id: string | null) => update((p) => (id ? p.set("approval", id) : p.delete("approval"))),
    [update],
  );
  const uploadOptions = useMemo(
    () => ({ tokens: auth, lang: () => lang, onUnauthorized: signedOut }),
    [auth, lang, signedOut],
  );
  const value = useMemo(
    () => ({
      schoolId: school.id,
      schoolName: school.name,
      api: schoolApi,
      principal,
      plan,
      reloadPlan,
      uploadOptions,
      announce,
      openApproval,
    }),
    [school, schoolApi, principal, plan, reloadPlan, uploadOptions, announce, openApproval],
  );

  return (
    <ApprovalsProvider value={value}>
      <section aria-labelledby="page-title" className={styles.page}>
        <div className={styles.head}>
          <Title1 as="h1" id="page-title" className={styles.title}>
            {t("approvals.titleWithSchool", { school: school.name })}
          </Title1>
          {props.choices.length > 1 && (
            <Field label={t("approvals.school")}>
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
        {approvalId ? (
          <Suspense fallback={<Spinner label={t("app.loading")} />}>
            <ApprovalDetail key={approvalId} approvalId={approvalId} />
          </Suspense>
        ) : (
          <>
            <TabList
              selectedValue={view}
              onTabSelect={(_, d) => update((p) => p.set("view", String(d.value)))}
              aria-label={t("approvals.viewsLabel")}
            >
              {views.map((v) => (
                <Tab key={v} value={v} id={`approvals-tab-${v}`} data-testid={`approvals-tab-${v}`}>
                  {t(`approvals.views.${v}`)}
                </Tab>
              ))}
            </TabList>
            <div role="tabpanel" aria-labelledby={`approvals-tab-${view}`} className={styles.panel}>
              <Suspense fallback={<Spinner label={t("app.loading")} />}>
                {(view === "waiting" || view === "drafts" || view === "done" || view === "school") && (
                  <ApprovalList key={view} box={view} />
                )}
                {view === "new" && <DraftView onCreated={(id) => openApproval(id)} />}
                {view === "verify" && <VerifyView announce={announce} />}
                {view === "seal" && <SealView />}
              </Suspense>
            </div>
          </>
        )}
        {region}
      </section>
    </ApprovalsProvider>
  );
}
