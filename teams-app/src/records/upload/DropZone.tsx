import { Body1, Button, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { MAX_RECORD_FILE_BYTES } from "@komu/shared";
import { type DragEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ACCEPT_ATTRIBUTE, formatBytes } from "../model/file-checks.js";

const useStyles = makeStyles({
  zone: {
    display: "grid",
    justifyItems: "center",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
    textAlign: "center",
  },
  over: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorCompoundBrandStroke}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  input: { display: "none" },
  hint: { color: tokens.colorNeutralForeground2 },
});

/**
 * Drop files here, or press the button (keyboard users) to pick them. The hidden input keeps the
 * browser's own file dialog; the zone only adds drag and drop.
 */
export function DropZone(props: {
  onFiles: (files: File[]) => void;
  multiple?: boolean;
  disabled?: boolean;
  label?: string;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [over, setOver] = useState(false);
  const multiple = props.multiple ?? true;

  const accept = (list: FileList | null) => {
    const files = list ? [...list] : [];
    if (files.length > 0 && !props.disabled) props.onFiles(multiple ? files : files.slice(0, 1));
  };
  const onDragOver = (e: DragEvent) => {
    if (props.disabled || ![...e.dataTransfer.types].includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    accept(e.dataTransfer.files);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; keyboard users have the button inside
    <div
      className={mergeClasses(styles.zone, over && styles.over)}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
    >
      <Body1>{props.label ?? (multiple ? t("records.upload.dropHere") : t("records.upload.dropOneHere"))}</Body1>
      <Button
        appearance="primary"
        disabled={props.disabled ?? false}
        aria-describedby={hintId}
        onClick={() => input.current?.click()}
      >
        {multiple ? t("records.upload.pickFiles") : t("records.upload.pickFile")}
      </Button>
      <Caption1 id={hintId} className={styles.hint}>
        {t("records.upload.accepted", { limit: formatBytes(MAX_RECORD_FILE_BYTES) })}
      </Caption1>
      <input
        ref={input}
        type="file"
        className={styles.input}
        multiple={multiple}
        accept={ACCEPT_ATTRIBUTE}
        tabIndex={-1}
        aria-hidden="true"
        data-testid="file-input"
        onChange={(e) => {
          accept(e.currentTarget.files);
          e.currentTarget.value = "";
        }}
      />
    </div>
  );
}
