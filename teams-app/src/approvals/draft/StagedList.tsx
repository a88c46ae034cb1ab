import { Button, Caption1, makeStyles, ProgressBar, Text, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatBytes } from "../../records/model/file-checks.js";
import { useApprovals } from "../common/ApprovalsContext.js";
import type { Staging } from "./useStagedFiles.js";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalS },
  row: { display: "grid", gap: tokens.spacingVerticalXXS },
  line: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", flexWrap: "wrap" },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const nameOf = (item: Staging) => (item.status === "done" ? item.file.fileName : item.name);

/**
 * Files being staged (progress), staged, or refused (why), each removable. With `onMove` the
 * list is ordered pages (the main document's images): 上へ / 下へ buttons move one, focus stays
 * on the moved file's button and the new page is announced.
 */
export function StagedList(props: {
  items: Staging[];
  onRemove: (key: string) => void;
  onMove?: (key: string, delta: number) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { announce } = useApprovals();
  const list = useRef<HTMLUListElement>(null);
  const [moved, setMoved] = useState<{ key: string; delta: number } | null>(null);

  useEffect(() => {
    if (!moved || !list.current) return;
    const index = props.items.findIndex((i) => i.key === moved.key);
    if (index < 0) return;
    const atEdge = moved.delta < 0 ? index === 0 : index === props.items.length - 1;
    const dir = moved.delta < 0 !== atEdge ? "up" : "down";
    list.current.querySelector<HTMLButtonElement>(`[data-move="${moved.key}-${dir}"]`)?.focus();
    const item = props.items[index];
    if (item) announce(t("approvals.draft.movedPage", { name: nameOf(item), page: index + 1 }));
    setMoved(null);
  }, [moved, props.items, announce, t]);

  if (props.items.length === 0) return null;
  const move = (key: string, delta: number) => {
    props.onMove?.(key, delta);
    setMoved({ key, delta });
  };
  return (
    <ul className={styles.list} data-testid={props.testId} ref={list}>
      {props.items.map((item, index) => {
        const name = nameOf(item);
        const size = item.status === "done" ? item.file.size : item.size;
        const ordered = props.onMove && props.items.length > 1;
        return (
          <li key={item.key} className={styles.row} data-staging={item.status}>
            <div className={styles.line}>
              {ordered && <Caption1>{t("approvals.draft.page", { page: index + 1 })}</Caption1>}
              <Text weight="semibold">{name}</Text>
              <Caption1>{formatBytes(size)}</Caption1>
              <Caption1>{t(`approvals.draft.staging.${item.status}`)}</Caption1>
              {ordered && (
                <>
                  <Button
                    size="small"
                    appearance="subtle"
                    disabled={index === 0}
                    onClick={() => move(item.key, -1)}
                    aria-label={t("approvals.draft.moveUp", { name })}
                    data-move={`${item.key}-up`}
                  >
                    {t("approvals.draft.up")}
                  </Button>
                  <Button
                    size="small"
                    appearance="subtle"
                    disabled={index === props.items.length - 1}
                    onClick={() => move(item.key, 1)}
                    aria-label={t("approvals.draft.moveDown", { name })}
                    data-move={`${item.key}-down`}
                  >
                    {t("approvals.draft.down")}
                  </Button>
                </>
              )}
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
