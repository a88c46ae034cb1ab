import { Button, MessageBar, MessageBarBody, makeStyles, Spinner, Subtitle2, tokens } from "@fluentui/react-components";
import { findCategory, fiscalYearOf } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { newKey, waitUntilSettled } from "../api/records-api.js";
import { useRecords } from "../common/RecordsContext.js";
import { BatchMetadataForm } from "./BatchMetadataForm.js";
import { DropZone } from "./DropZone.js";
import { type BatchMetadata, fileRecordInput } from "./metadata.js";
import { counts, readyToFile } from "./queue.js";
import { UploadRow } from "./UploadRow.js";
import { errorText, useUploadQueue } from "./useUploadQueue.js";

const useStyles = makeStyles({
  view: { display: "grid", gap: tokens.spacingVerticalL },
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", flexWrap: "wrap" },
});

/** 登録: drop several files (or pick them), watch each upload, fill the metadata once, file them all. */
export function UploadView() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { api, plan, reloadPlan, announce } = useRecords();
  const { items, dispatch, add, retry, remove } = useUploadQueue();
  const [meta, setMeta] = useState<BatchMetadata>(() => ({
    fiscalYear: fiscalYearOf(new Date()),
    categoryCode: "",
    classification: null,
    eventDate: "",
    note: "",
  }));
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);

  if (plan.status === "loading") return <Spinner label={t("app.loading")} />;
  if (plan.status === "error") return <ErrorPanel error={plan.error} onRetry={reloadPlan} />;
  const filePlan = plan.data.plan;
  const ready = readyToFile(items);
  const n = counts(items);

  const fileAll = async () => {
    setTried(true);
    const category = findCategory(filePlan, meta.categoryCode);
    if (!category || ready.length === 0) return;
    setBusy(true);
    let filed = 0;
    let failed = 0;
    for (const item of ready) {
      if (!item.upload) continue;
      dispatch({ type: "filing", key: item.key });
      try {
        const input = fileRecordInput(meta, category, { uploadId: item.upload.uploadId, title: item.title });
        const first = await api.file(input, newKey());
        const record = await waitUntilSettled(() => api.get(first.id), first);
        if (record.status === "failed" || record.status === "filing") {
          const text = record.failure?.message ?? {
            ja: "保存処理が終わりませんでした。一覧で状態を確認してください。",
            en: "Filing did not finish. Check its state in the list.",
          };
          dispatch({ type: "fileFailed", key: item.key, code: record.failure?.code ?? "FILING_PENDING", error: text });
          failed++;
        } else {
          dispatch({ type: "filed", key: item.key, record });
          filed++;
        }
      } catch (e) {
        const { code, text } = errorText(e);
        dispatch({ type: "fileFailed", key: item.key, code, error: text });
        failed++;
      }
    }
    setBusy(false);
    announce(t("records.upload.batchResult", { filed, failed }));
  };

  return (
    <div className={styles.view}>
      <DropZone onFiles={add} disabled={busy} />
      {items.length > 0 && (
        <section aria-labelledby="upload-files-heading">
          <Subtitle2 as="h2" id="upload-files-heading">
            {t("records.upload.filesHeading", { count: items.length })}
          </Subtitle2>
          <ul className={styles.list} data-testid="upload-list">
            {items.map((item) => (
              <UploadRow
                key={item.key}
                item={item}
                onTitle={(title) => dispatch({ type: "title", key: item.key, title })}
                onRetry={() => retry(item.key)}
                onRemove={() => remove(item.key)}
              />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="upload-meta-heading">
        <Subtitle2 as="h2" id="upload-meta-heading">
          {t("records.upload.metadataHeading")}
        </Subtitle2>
        <BatchMetadataForm plan={filePlan} value={meta} onChange={setMeta} showCategoryError={tried} />
      </section>
      {n.uploading > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{t("records.upload.waitForUploads", { count: n.uploading })}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={busy || ready.length === 0}
          onClick={() => void fileAll()}
          data-testid="upload-file-all"
        >
          {busy ? t("records.upload.filing") : t("records.upload.fileAll", { count: ready.length })}
        </Button>
        {busy && <Spinner size="tiny" />}
        {(n.filed > 0 || n.rejected > 0) && !busy && (
          <Button onClick={() => dispatch({ type: "clearFinished" })}>{t("records.upload.clearFinished")}</Button>
        )}
      </div>
    </div>
  );
}
