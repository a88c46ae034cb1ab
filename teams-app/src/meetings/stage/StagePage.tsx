import {
  Field,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Select,
  Spinner,
  Text,
  Title2,
  tokens,
} from "@fluentui/react-components";
import type { Material, MeetingView } from "@komu/shared";
import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { useLiveRegion } from "../../app/LiveRegion.js";
import { useSession } from "../../app/session.js";
import { useLoad } from "../../app/useLoad.js";
import { PdfViewer } from "../../approvals/pdf/PdfViewer.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { usePageTitle } from "../../pages/usePageTitle.js";
import { meetingsApi } from "../api/meetings-api.js";
import { statusLine } from "../presenter/model.js";
import type { PresenterPosition } from "../presenter/types.js";
import { PresenterControls } from "./PresenterControls.js";
import { usePresenter } from "./usePresenter.js";

const useStyles = makeStyles({
  page: { display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
  bar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  status: { flexGrow: 1, minWidth: "12em" },
  select: { maxWidth: "100%" },
});

/** Materials the stage can show: ready PDFs. */
const showable = (m: Material) => m.status === "ready" && (m.mimeType === "application/pdf" || m.pages !== null);

/**
 * /meetings/stage?school=&meeting= — a meeting's materials in presenter mode: in the browser, in
 * the Teams meeting's side panel (320 px) and on its stage. 発表する / 発表を終了, 発表者に合わせる,
 * 自分で見る and 戻る drive Live Share's follow mode (presenter/).
 */
export default function StagePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const schoolId = params.get("school") ?? "";
  const meetingId = params.get("meeting") ?? "";
  const { api } = useSession();
  const meetings = useMemo(() => meetingsApi(api, schoolId), [api, schoolId]);
  const [meeting, reload] = useLoad(
    () => (schoolId && meetingId ? meetings.get(meetingId) : Promise.reject(new Error("missing"))),
    [meetings, meetingId],
  );
  usePageTitle(meeting.status === "ok" ? meeting.data.title : t("presenter.title"));
  if (!schoolId || !meetingId) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t("presenter.noMeeting")}</MessageBarBody>
      </MessageBar>
    );
  }
  if (meeting.status === "loading") return <Spinner label={t("app.loading")} />;
  if (meeting.status === "error") return <ErrorPanel error={meeting.error} onRetry={reload} />;
  return <Stage meeting={meeting.data} />;
}

function Stage({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { api, config, host, me } = useSession();
  const meetings = useMemo(() => meetingsApi(api, meeting.schoolId), [api, meeting.schoolId]);
  const { region, announce } = useLiveRegion("presenter-live");
  const materials = meeting.materials.filter(showable);
  const first = materials[0];
  const [materialId, setMaterialId] = useState(first?.id ?? "");
  const material = materials.find((m) => m.id === materialId) ?? first;
  const [pageRequest, setPageRequest] = useState<{ page: number; seq: number } | null>(null);
  const seq = useRef(0);
  const shown = useRef<PresenterPosition | null>(null);

  const onJump = useCallback((p: PresenterPosition) => {
    seq.current += 1;
    setMaterialId(p.materialId);
    setPageRequest({ page: p.page, seq: seq.current });
  }, []);
  const user = me.status === "ok" ? { id: me.data.oid, name: me.data.name } : null;
  const initial = useMemo(() => (first ? { materialId: first.id, page: 1 } : null), [first]);
  const { snapshot, session, unavailable } = usePresenter({
    config,
    host,
    user,
    schoolId: meeting.schoolId,
    meetingId: meeting.id,
    initial,
    onJump,
  });

  const onPageChange = useCallback(
    (page: number) => {
      if (!material) return;
      shown.current = { materialId: material.id, page };
      void session?.update(shown.current).catch(() => undefined);
    },
    [material, session],
  );
  const content = useLoad(
    () => (material ? meetings.content(meeting.id, material.id) : Promise.resolve(null)),
    [meetings, meeting.id, material?.id, material?.version],
  )[0];

  const title = (id: string) => meeting.materials.find((m) => m.id === id)?.title ?? id;
  const line = statusLine(snapshot, title);
  const act = (label: string, run: () => Promise<void>) => () => {
    void run().then(
      () => announce(label),
      () => announce(t("presenter.failed")),
    );
  };

  return (
    <section className={styles.page} aria-labelledby="stage-title" data-testid="meeting-stage">
      <Title2 as="h1" id="stage-title">
        {meeting.title}
      </Title2>
      {region}
      {unavailable ? (
        <MessageBar intent="info">
          <MessageBarBody>{t("presenter.unavailable")}</MessageBarBody>
        </MessageBar>
      ) : (
        <div className={styles.bar}>
          <Text
            className={styles.status}
            role="status"
            aria-live="polite"
            data-testid="presenter-status"
            data-mode={snapshot.mode}
          >
            {t(line.key, line.values)}
          </Text>
          {session && snapshot.mode !== "connecting" && snapshot.mode !== "error" && (
            <PresenterControls
              mode={snapshot.mode}
              onPresent={act(t("presenter.announce.presenting"), async () => {
                if (shown.current) await session.update(shown.current);
                await session.present();
              })}
              onStop={act(t("presenter.announce.stopped"), () => session.stop())}
              onFollow={act(t("presenter.announce.following"), () => session.follow())}
              onStepAway={act(t("presenter.announce.away"), () => session.stepAway())}
              onRejoin={act(t("presenter.announce.following"), () => session.rejoin())}
            />
          )}
        </div>
      )}
      {snapshot.mode === "error" && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t("presenter.status.error")}</MessageBarBody>
        </MessageBar>
      )}
      {materials.length === 0 || !material ? (
        <MessageBar intent="info">
          <MessageBarBody>{t("presenter.noMaterials")}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Field label={t("presenter.material")}>
            <Select
              className={styles.select}
              value={material.id}
              onChange={(_, d) => {
                // Choosing another material is moving on one's own: stop following first.
                if (snapshot.mode === "following") void session?.stepAway().catch(() => undefined);
                setMaterialId(d.value);
                setPageRequest(null);
              }}
              data-testid="presenter-material"
            >
              {materials.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}
                </option>
              ))}
            </Select>
          </Field>
          {content.status === "error" ? (
            <ErrorPanel error={content.error} />
          ) : (
            <PdfViewer
              key={`${material.id}.${material.version}`}
              data={content.status === "ok" ? (content.data?.blob ?? null) : null}
              title={material.title}
              height="max(320px, calc(100vh - 280px))"
              announce={announce}
              onPageChange={onPageChange}
              pageRequest={pageRequest}
            />
          )}
        </>
      )}
    </section>
  );
}
