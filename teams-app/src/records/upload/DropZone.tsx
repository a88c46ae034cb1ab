import { MAX_RECORD_FILE_BYTES } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { FileDropZone } from "../../app/FileDropZone.js";
import { ACCEPT_ATTRIBUTE, formatBytes } from "../model/file-checks.js";

/** The records module's drop zone: the accepted record types, its texts, several files by default. */
export function DropZone(props: {
  onFiles: (files: File[]) => void;
  multiple?: boolean;
  disabled?: boolean;
  label?: string;
}) {
  const { t } = useTranslation();
  const multiple = props.multiple ?? true;
  return (
    <FileDropZone
      onFiles={props.onFiles}
      multiple={multiple}
      {...(props.disabled === undefined ? {} : { disabled: props.disabled })}
      accept={ACCEPT_ATTRIBUTE}
      label={props.label ?? (multiple ? t("records.upload.dropHere") : t("records.upload.dropOneHere"))}
      button={multiple ? t("records.upload.pickFiles") : t("records.upload.pickFile")}
      hint={t("records.upload.accepted", { limit: formatBytes(MAX_RECORD_FILE_BYTES) })}
      testId="drop-zone"
      inputTestId="file-input"
    />
  );
}
