import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  makeStyles,
  ProgressBar,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import type { Material, MeetingView } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, pickErrorMessage } from "../../api/errors.js";
import { FileDropZone } from "../../app/FileDropZone.js";
import { useLang } from "../../app/useLang.js";
import { fileProblem } from "../../records/model/file-checks.js";
import { useMeetings } from "../common/MeetingsContext.js";
import { MATERIAL_ACCEPT, refusalOf } from "../model/materials.js";
import { useSingleUpload } from "./useMaterialUploads.js";

const useStyles = makeStyles({
  wrap: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    marginBlockStart: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** 「第N版をアップロード」: a new file and a change note (sent to attendees); the notes of attendees carry over. */
export function ReplaceMaterial(props: {
  meeting: MeetingView;
  material: Material;
  onDone: (m: MeetingView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce } = useMeetings();
  const { upload, progress } = useSingleUpload();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; code: string } | null>(null);
  const next = props.material.version + 1;
  const run = async () => {
    if (!file) return;
    setError(null);
    const problem = fileProblem(file);
    if (problem) {
      setError({ message: problem.message[lang], code: problem.code });
      return;
    }
    setBusy(true);
    try {
      const uploadId = await upload(file);
      const view = await api.replaceMaterial(props.meeting, props.material.id, { uploadId, changeNote: note.trim() });
      announce(t("meetings.materials.replaced", { title: props.material.title, version: next }));
      props.onDone(view);
    } catch (e) {
      setError({ message: pickErrorMessage(e, lang), code: e instanceof ApiError ? e.code : "UNEXPECTED" });
    } finally {
      setBusy(false);
    }
  };
  const refusal = error ? refusalOf(error.code) : null;
  return (
    <div className={styles.wrap} data-testid="material-replace-form">
      <FileDropZone
        accept={MATERIAL_ACCEPT}
        label={
          file
            ? t("meetings.materials.chosen", { name: file.name })
            : t("meetings.materials.replaceDrop", { version: next })
        }
        button={t("meetings.materials.pickOne")}
        hint={t("meetings.materials.hint")}
        onFiles={(files) => setFile(files[0] ?? null)}
        testId="material-replace-drop"
      />
      <Field label={t("meetings.materials.changeNote")} hint={t("meetings.materials.changeNoteHint")}>
        <Textarea
          value={note}
          maxLength={500}
          onChange={(_, d) => setNote(d.value)}
          data-testid="material-change-note"
        />
      </Field>
      {progress !== null && <ProgressBar value={progress} max={1} aria-label={t("meetings.materials.uploading")} />}
      {error && (
        <MessageBar
          intent="error"
          layout="multiline"
          role="alert"
          data-testid="material-refused"
          data-code={error.code}
        >
          <MessageBarBody>
            {error.message}
            {refusal ? ` ${t(`meetings.refusal.${refusal}`)}` : ""}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabledFocusable={!file || busy}
          onClick={() => void run()}
          data-testid="material-replace-confirm"
        >
          {t("meetings.materials.replace", { version: next })}
        </Button>
        <Button onClick={props.onCancel} disabled={busy}>
          {t("meetings.cancel")}
        </Button>
      </div>
    </div>
  );
}
