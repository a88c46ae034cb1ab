import { Button, Caption1, makeStyles, ProgressBar, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { formatBytes } from "../../records/model/file-checks.js";
import type { Staging } from "./useStagedFiles.js";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalS },
  row: { display: "grid", gap: tokens.spacingVerticalXXS },
  line: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", flexWrap: "wrap" },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Files being staged (progress), staged, or refused (why), each removable. */
export function StagedList(props: { items: Staging[]; onRemove: (key: string) => void; testId: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (props.items.length === 0) return null;
  return (
    <ul className={styles.list} data-testid={props.testId}>
      {props.items.map((item) => {
        const name = item.status === "done" ? item.file.fileName : item.name;
        const size = item.status === "done" ? item.file.size : item.size;
        return (
          <li key={item.key} className={styles.row} data-staging={item.status}>
            <div className={styles.line}>
              <Text weight="semibold">{name}</Text>
              <Caption1>{formatBytes(size)}</Caption1>
              <Caption1>{t(`approvals.draft.staging.${item.status}`)}</Caption1>
              <Button
                size="small"
                appearance="subtle"
                onClick={() => props.onRemove(item.key)}
                aria-label={t("approvals.draft.removeFile", { name })}
              >
                {t("approvals.draft.remove")}
              </Button>
            </div>
            {item.status === "uploading" && (
              <ProgressBar value={item.progress} max={1} aria-label={t("approvals.draft.progress", { name })} />
            )}
            {item.status === "failed" && <Caption1 className={styles.error}>{item.message}</Caption1>}
          </li>
        );
      })}
    </ul>
  );
}
