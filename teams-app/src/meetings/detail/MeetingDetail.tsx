import {
  Body1,
  Button,
  Caption1,
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Tab,
  TabList,
  tokens,
} from "@fluentui/react-components";
import { MEETING_TYPE_LABELS, type MeetingView } from "@komu/shared";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { ConfirmDialog } from "../../app/ConfirmDialog.js";
import { RouterLink } from "../../app/RouterLink.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { ViewHeading } from "../../app/ViewHeading.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useMeetings } from "../common/MeetingsContext.js";
import { StatusBadge } from "../common/StatusBadge.js";
import { displayStatus } from "../model/list.js";
import { formatMeetingTime } from "../model/times.js";
import { meetingTabs, pickTab } from "../model/views.js";
import { AgendaView } from "./AgendaView.js";

const MaterialsPanel = lazy(() => import("../materials/MaterialsPanel.js"));
const MeetingEditor = lazy(() => import("../edit/MeetingEditor.js"));
const ReadStatus = lazy(() => import("../read/ReadStatus.js"));
const MinutesView = lazy(() => import("../minutes/MinutesView.js"));
const MaterialViewer = lazy(() => import("../viewer/MaterialViewer.js"));

const useStyles = makeStyles({
  page: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  facts: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, alignItems: "center" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  panel: { paddingBlockStart: tokens.spacingVerticalS, minWidth: 0 },
});

/** A meeting's page: its facts and actions, and the tabs the caller's abilities allow. */
export default function MeetingDetail({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { api } = useMeetings();
  const [loaded, reload] = useLoad(() => api.get(meetingId), [api, meetingId]);
  const [meeting, setMeeting] = useState<MeetingView | null>(null);
  useEffect(() => {
    if (loaded.status === "ok") setMeeting(loaded.data);
  }, [loaded]);
  if (loaded.status === "error") return <ErrorPanel error={loaded.error} onRetry={reload} />;
  if (!meeting) return <Spinner label={t("app.loading")} />;
  return <Loaded meeting={meeting} onChange={setMeeting} reload={reload} />;
}

function Loaded(props: { meeting: MeetingView; onChange: (m: MeetingView) => void; reload: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, openMeeting, announce, schoolId } = useMeetings();
  const [params] = useSearchParams();
  const { meeting } = props;
  const tabs = meetingTabs(meeting);
  const tab = pickTab(params.get("view"), tabs);
  const materialId = params.get("material");
  const [distributing, setDistributing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [attendeeCount, setAttendeeCount] = useState<number | null>(null);
  const material = materialId ? meeting.materials.find((m) => m.id === materialId) : undefined;

  // A material just added is put in the meeting's folder in the background: look again until it is ready.
  const processing = meeting.materials.some((m) => m.status === "uploading");
  const { onChange } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new view (its ETag) while still processing schedules the next look
  useEffect(() => {
    if (!processing) return;
    let live = true;
    const timer = setTimeout(() => {
      api.get(meeting.id).then(
        (next) => live && onChange(next),
        () => undefined,
      );
    }, 2000);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [processing, api, meeting.id, meeting.etag, onChange]);

  const openDistribute = () => {
    setAttendeeCount(null);
    setDistributing(true);
    api.preview(meeting.attendeeSpec).then(
      (p) => setAttendeeCount(p.attendees.length),
      () => setAttendeeCount(meeting.attendees.length),
    );
  };

  return (
    <div className={styles.page} data-testid="meeting-detail" data-meeting-id={meeting.id}>
      <div>
        <Button appearance="subtle" onClick={() => openMeeting(null)}>
          {t("meetings.backToList")}
        </Button>
      </div>
      <ViewHeading id="meeting-title" focus={!materialId}>
        {MEETING_TYPE_LABELS[meeting.type][lang]}：{meeting.title}
      </ViewHeading>
      <div className={styles.facts}>
        <Body1 data-testid="meeting-when">{formatMeetingTime(meeting.startsAt, meeting.endsAt, lang)}</Body1>
        {meeting.place && <Body1>{t("meetings.detail.place", { place: meeting.place })}</Body1>}
        <Body1>{t("meetings.detail.chair", { name: meeting.chair.name })}</Body1>
        <StatusBadge status={displayStatus(meeting, new Date())} />
        {meeting.attendees.length > 0 && (
          <Caption1>{t("meetings.detail.attendees", { count: meeting.attendees.length })}</Caption1>
        )}
      </div>
      <div className={styles.actions}>
        {meeting.joinUrl && (
          <Link href={meeting.joinUrl} target="_blank" rel="noopener noreferrer" data-testid="meeting-join">
            {t("meetings.detail.join")}
          </Link>
        )}
        {meeting.status === "distributed" && (
          <RouterLink
            to={`/meetings/stage?school=${encodeURIComponent(schoolId)}&meeting=${encodeURIComponent(meeting.id)}`}
          >
            {t("meetings.detail.stage")}
          </RouterLink>
        )}
        {meeting.abilities.manage && meeting.status === "draft" && (
          <Button appearance="primary" onClick={openDistribute} data-testid="meeting-distribute">
            {t("meetings.detail.distribute")}
          </Button>
        )}
        {meeting.abilities.manage && meeting.status !== "cancelled" && (
          <Button appearance="subtle" onClick={() => setCancelling(true)} data-testid="meeting-cancel">
            {t("meetings.detail.cancel")}
          </Button>
        )}
      </div>
      {meeting.status === "cancelled" && (
        <MessageBar intent="warning">
          <MessageBarBody>{t("meetings.detail.cancelled")}</MessageBarBody>
        </MessageBar>
      )}
      {meeting.status === "draft" && meeting.abilities.manage && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t("meetings.detail.draftHint")}</MessageBarBody>
        </MessageBar>
      )}
      {material ? (
        <Suspense fallback={<Spinner label={t("app.loading")} />}>
          <MaterialViewer key={`${material.id}-${material.version}`} meeting={meeting} material={material} />
        </Suspense>
      ) : (
        <>
          <TabList
            selectedValue={tab}
            onTabSelect={(_, d) => openMeeting(meeting.id, String(d.value))}
            aria-label={t("meetings.detail.tabsLabel")}
          >
            {tabs.map((v) => (
              <Tab key={v} value={v} id={`meeting-tab-${v}`} data-testid={`meeting-tab-${v}`}>
                {t(`meetings.tabs.${v}`)}
              </Tab>
            ))}
          </TabList>
          <div role="tabpanel" aria-labelledby={`meeting-tab-${tab}`} className={styles.panel}>
            <Suspense fallback={<Spinner label={t("app.loading")} />}>
              {tab === "agenda" && <AgendaView meeting={meeting} onChange={props.onChange} />}
              {tab === "materials" && <MaterialsPanel meeting={meeting} onChange={props.onChange} />}
              {tab === "edit" && (
                <MeetingEditor
                  meeting={meeting}
                  onSaved={(m) => {
                    props.onChange(m);
                    openMeeting(m.id);
                  }}
                />
              )}
              {tab === "read" && <ReadStatus meeting={meeting} />}
              {tab === "minutes" && <MinutesView meeting={meeting} onChange={props.onChange} />}
            </Suspense>
          </div>
        </>
      )}
      <ConfirmDialog
        open={cancelling}
        title={t("meetings.cancelMeeting.title")}
        confirmLabel={t("meetings.cancelMeeting.confirm")}
        testId="meeting-cancel-dialog"
        onClose={() => setCancelling(false)}
        onConfirm={async () => {
          props.onChange(await api.cancel(meeting));
          announce(t("meetings.cancelMeeting.done"));
        }}
      >
        <Body1 as="p">
          {meeting.status === "distributed"
            ? t("meetings.cancelMeeting.bodyDistributed")
            : t("meetings.cancelMeeting.body")}
        </Body1>
      </ConfirmDialog>
      <ConfirmDialog
        open={distributing}
        title={t("meetings.distribute.title")}
        confirmLabel={t("meetings.distribute.confirm")}
        testId="meeting-distribute-dialog"
        onClose={() => setDistributing(false)}
        onConfirm={async () => {
          const next = await api.distribute(meeting);
          props.onChange(next);
          announce(t("meetings.distribute.done", { count: next.attendees.length }));
        }}
      >
        <Body1 as="p" data-testid="meeting-distribute-count">
          {attendeeCount === null
            ? t("meetings.distribute.counting")
            : t("meetings.distribute.body", { count: attendeeCount, materials: meeting.materials.length })}
        </Body1>
        {meeting.materials.length === 0 && (
          <MessageBar intent="warning">
            <MessageBarBody>{t("meetings.distribute.noMaterials")}</MessageBarBody>
          </MessageBar>
        )}
      </ConfirmDialog>
    </div>
  );
}
