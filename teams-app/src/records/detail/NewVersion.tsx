import { Field, MessageBar, MessageBarBody, ProgressBar } from "@fluentui/react-components";
import type { RecordView } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { uploadRecordFile } from "../api/upload.js";
import { useRecords } from "../common/RecordsContext.js";
import { fileProblem } from "../model/file-checks.js";
import { DropZone } from "../upload/DropZone.js";

/** 新しい版をアップロード: stage one file, then POST …/versions with the record's ETag (412 if someone was first). */
export function NewVersion({ record, onDone }: { record: RecordView; onDone: (updated: RecordView) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { api, schoolId, uploadOptions, announce } = useRecords();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onFiles = async ([file]: File[]) => {
    if (!file) return;
    setError(null);
    const problem = fileProblem(file);
    if (problem) {
      setError(problem.message[lang]);
      return;
    }
    setProgress(0);
    try {
      const upload = await uploadRecordFile(schoolId, file, { ...uploadOptions, onProgress: setProgress });
      const updated = await api.addVersion(record, upload.uploadId);
      announce(t("records.detail.versionAdded", { title: updated.title }));
      onDone(updated);
    } catch (e) {
      const message = pickErrorMessage(e, lang);
      setError(message);
      announce(message);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div>
      <DropZone
        multiple={false}
        disabled={progress !== null || record.status !== "filed"}
        label={t("records.detail.newVersionHint")}
        onFiles={(files) => void onFiles(files)}
      />
      {progress !== null && (
        <Field
          label={t("records.detail.newVersionProgress")}
          validationState="none"
          validationMessage={`${Math.round(progress * 100)}%`}
        >
          <ProgressBar value={progress} max={1} thickness="large" />
        </Field>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
