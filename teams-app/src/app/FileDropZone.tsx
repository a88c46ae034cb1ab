import { Body1, Button, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type DragEvent, useId, useRef, useState } from "react";

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
 * Drop files here, or press the button to pick them (the keyboard path; the hidden input keeps
 * the browser's own file dialog). The accepted types, texts and multiplicity are the caller's.
 */
export function FileDropZone(props: {
  onFiles: (files: File[]) => void;
  accept: string;
  label: string;
  button: string;
  hint: string;
  multiple?: boolean;
  disabled?: boolean;
  testId?: string;
  /** Test id of the hidden file input (default `<testId>-input`). */
  inputTestId?: string;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [over, setOver] = useState(false);
  const multiple = props.multiple ?? false;

  const take = (list: FileList | null) => {
    const files = list ? [...list] : [];
    if (files.length > 0 && !props.disabled) props.onFiles(multiple ? files : files.slice(0, 1));
  };
  const onDragOver = (e: DragEvent) => {
    if (props.disabled || ![...e.dataTransfer.types].includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    setOver(true);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; keyboard users have the button inside
    <div
      className={mergeClasses(styles.zone, over && styles.over)}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        take(e.dataTransfer.files);
      }}
      data-testid={props.testId ?? "approvals-drop-zone"}
    >
      <Body1>{props.label}</Body1>
      <Button
        appearance="primary"
        disabled={props.disabled ?? false}
        aria-describedby={hintId}
        onClick={() => input.current?.click()}
      >
        {props.button}
      </Button>
      <Caption1 id={hintId} className={styles.hint}>
        {props.hint}
      </Caption1>
      <input
        ref={input}
        type="file"
        className={styles.input}
        multiple={multiple}
        accept={props.accept}
        tabIndex={-1}
        aria-hidden="true"
        data-testid={props.inputTestId ?? `${props.testId ?? "approvals-drop-zone"}-input`}
        onChange={(e) => {
          take(e.currentTarget.files);
          e.currentTarget.value = "";
        }}
      />
    </div>
  );
}
