import {
  Button,
  Divider,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  MessageBar,
  MessageBarBody,
  makeStyles,
  OverlayDrawer,
  Spinner,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import type { RecordView } from "@komu/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useRecords } from "../common/RecordsContext.js";
import { openBlob, saveBlob } from "../common/save-blob.js";
import { NewVersion } from "./NewVersion.js";
import { RecordMetadata } from "./RecordMetadata.js";
import { VersionList } from "./VersionList.js";

const useStyles = makeStyles({
  body: { display: "grid", gap: tokens.spacingVerticalL, alignContent: "start" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** The detail panel of one record: metadata, 開く / ダウンロード, versions, a new version. */
export function RecordDetailDrawer({ recordId, onClose }: { recordId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <OverlayDrawer
      position="end"
      size="medium"
      open={recordId !== null}
      onOpenChange={(_, data) => !data.open && onClose()}
      data-testid="record-detail"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button appearance="subtle" aria-label={t("records.detail.close")} onClick={onClose}>
              ✕
            </Button>
          }
        >
          {t("records.detail.heading")}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>{recordId && <RecordDetail recordId={recordId} />}</DrawerBody>
    </OverlayDrawer>
  );
}

function RecordDetail({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, abilities, announce } = useRecords();
  const [loaded, reload] = useLoad(() => api.get(recordId), [api, recordId]);
  const [record, setRecord] = useState<RecordView | null>(null);
  const [versionsSeen, setVersionsSeen] = useState(0);
  const [busy, setBusy] = useState<"open" | "download" | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (loaded.status === "ok") setRecord(loaded.data);
  }, [loaded]);

  if (loaded.status === "loading" && !record) return <Spinner label={t("app.loading")} />;
  if (loaded.status === "error") return <ErrorPanel error={loaded.error} onRetry={reload} />;
  if (!record) return null;

  const fetchContent = async (mode: "open" | "download") => {
    setBusy(mode);
    setError(null);
    // Open the window first, inside the click, so pop-up blockers allow it.
    const target = mode === "open" ? window.open("", "_blank") : null;
    try {
      const answer = await api.content(record.id);
      if (mode === "download" || !openBlob(answer, target)) saveBlob(answer, record.fileName);
    } catch (e) {
      target?.close();
      const message = pickErrorMessage(e, lang);
      setError(message);
      announce(message);
    } finally {
      setBusy(null);
    }
  };

  const ready = record.status === "filed";
  return (
    <>
      <Subtitle2 as="h2" data-testid="record-title">
        {record.title}
      </Subtitle2>
      {record.status !== "filed" && (
        <MessageBar intent={record.status === "failed" ? "error" : "info"}>
          <MessageBarBody>
            {record.failure ? record.failure.message[lang] : t(`records.status.${record.status}`)}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!ready || busy !== null} onClick={() => void fetchContent("open")}>
          {busy === "open" ? t("app.loading") : t("records.detail.open")}
        </Button>
        <Button disabled={!ready || busy !== null} onClick={() => void fetchContent("download")}>
          {busy === "download" ? t("app.loading") : t("records.detail.download")}
        </Button>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <RecordMetadata record={record} />
      <Divider />
      <VersionList recordId={record.id} version={versionsSeen} />
      {abilities.file && ready && (
        <section aria-labelledby="new-version-heading">
          <Subtitle2 as="h3" id="new-version-heading">
            {t("records.detail.newVersion")}
          </Subtitle2>
          <NewVersion
            record={record}
            onDone={(updated) => {
              setRecord(updated);
              setVersionsSeen((n) => n + 1);
            }}
          />
        </section>
      )}
    </>
  );
}
