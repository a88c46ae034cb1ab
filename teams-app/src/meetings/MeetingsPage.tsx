import { Button, Field, makeStyles, Select, Spinner, Title1, tokens } from "@fluentui/react-components";
import { lazy, type ReactNode, Suspense, useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router-dom";
import type { Me } from "../api/resources.js";
import { useLiveRegion } from "../app/LiveRegion.js";
import { ModulePage, NoSchoolAccess, schoolChoices, useSchoolSwitch } from "../app/ModulePage.js";
import { useSession } from "../app/session.js";
import { useLang } from "../app/useLang.js";
import { principalFromMe } from "../records/model/access.js";
import { meetingsApi } from "./api/meetings-api.js";
import { MeetingsProvider } from "./common/MeetingsContext.js";
import { MeetingList } from "./list/MeetingList.js";
import { canChair, meetingSchools } from "./model/views.js";

const MeetingDetail = lazy(() => import("./detail/MeetingDetail.js"));
const MeetingEditor = lazy(() => import("./edit/MeetingEditor.js"));

const useStyles = makeStyles({
  page: { display: "grid", gap: tokens.spacingVerticalL, minWidth: 0 },
  head: { display: "flex", gap: tokens.spacingHorizontalL, alignItems: "end", flexWrap: "wrap" },
  title: { flexGrow: 1 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/**
 * /meetings — 会議 (issue 6): the meetings of one school (?school=) by 年度, 新規作成 (?view=new)
 * for chairs, a meeting's page (?meeting=, its tab in ?view=, an open material in ?material=).
 */
export default function MeetingsPage() {
  return <ModulePage titleKey="meetings.title">{(me) => <MeetingsForUser me={me} />}</ModulePage>;
}

const MEETING_PARAMS = ["meeting", "view", "material"] as const;

function MeetingsForUser({ me }: { me: Me }) {
  const [params] = useSearchParams();
  const principal = useMemo(() => principalFromMe(me), [me]);
  const choices = useMemo(() => schoolChoices(me, meetingSchools(principal)), [me, principal]);
  const onSchool = useSchoolSwitch(MEETING_PARAMS);
  if (choices.length === 0) return <NoSchoolAccess titleKey="meetings.title" messageKey="meetings.noAccess" />;
  const school = choices.find((s) => s.id === params.get("school")) ?? choices[0];
  if (!school) return null;
  return <SchoolMeetings key={school.id} school={school} choices={choices} principal={principal} onSchool={onSchool} />;
}

function SchoolMeetings(props: {
  school: { id: string; name: string };
  choices: { id: string; name: string }[];
  principal: ReturnType<typeof principalFromMe>;
  onSchool: (id: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, auth, signedOut } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { region, announce } = useLiveRegion("meetings-live");
  const { school, principal } = props;
  const schoolApi = useMemo(() => meetingsApi(api, school.id), [api, school.id]);
  const chair = canChair(principal, school.id);
  const meetingId = params.get("meeting");
  const view = params.get("view");

  const update = useCallback(
    (change: (p: URLSearchParams) => void) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set("school", school.id);
        change(next);
        return next;
      }),
    [setParams, school.id],
  );
  const openMeeting = useCallback(
    (id: string | null, tab?: string, material?: string) =>
      update((p) => {
        if (id) p.set("meeting", id);
        else p.delete("meeting");
        if (tab) p.set("view", tab);
        else p.delete("view");
        if (material) p.set("material", material);
        else p.delete("material");
      }),
    [update],
  );
  const go = useCallback(
    (v: "list" | "new") =>
      navigate(`/meetings?school=${encodeURIComponent(school.id)}${v === "new" ? "&view=new" : ""}`),
    [navigate, school.id],
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
      client: api,
      principal,
      chair,
      uploadOptions,
      announce,
      openMeeting,
      go,
    }),
    [school, schoolApi, api, principal, chair, uploadOptions, announce, openMeeting, go],
  );

  let body: ReactNode = null;
  if (meetingId) body = <MeetingDetail key={meetingId} meetingId={meetingId} />;
  else if (view === "new" && chair) body = <MeetingEditor key="new" meeting={null} />;

  return (
    <MeetingsProvider value={value}>
      <section aria-labelledby="page-title" className={styles.page}>
        <div className={styles.head}>
          <Title1 as="h1" id="page-title" className={styles.title}>
            {t("meetings.titleWithSchool", { school: school.name })}
          </Title1>
          {props.choices.length > 1 && (
            <Field label={t("meetings.school")}>
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
            {chair && (
              <div className={styles.actions}>
                <Button appearance="primary" onClick={() => go("new")} data-testid="meetings-new">
                  {t("meetings.new")}
                </Button>
              </div>
            )}
            <MeetingList />
          </>
        )}
        {region}
      </section>
    </MeetingsProvider>
  );
}
