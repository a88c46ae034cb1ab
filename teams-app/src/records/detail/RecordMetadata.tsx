import { makeStyles, tokens } from "@fluentui/react-components";
import type { RecordView } from "@komu/shared";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { formatInstant } from "../../format/dates.js";
import { ClassificationBadge } from "../common/ClassificationBadge.js";
import { formatBytes } from "../model/file-checks.js";
import { fiscalYearLabel } from "../model/fiscal-years.js";
import { dateText, retentionUntilText } from "../model/retention-text.js";

const useStyles = makeStyles({
  list: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  detail: { margin: 0, overflowWrap: "anywhere" },
});

/** 関連: the other module's item; a register line is named by its number (its id is internal). */
function relatedText(record: RecordView, kindLabel: string): string {
  if (!record.related) return "";
  if (record.related.kind === "register" && record.number) return `${kindLabel}（${record.number.text}）`;
  return `${kindLabel} ${record.related.id}`;
}

/** A record's metadata as a description list. */
export function RecordMetadata({ record }: { record: RecordView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const rows: [string, ReactNode][] = [
    [t("records.table.number"), record.number?.text ?? "—"],
    [t("records.fiscalYear"), fiscalYearLabel(record.fiscalYear, lang)],
    [t("records.category"), `${record.categoryCode} ${record.categoryName}`],
    [t("records.classification"), <ClassificationBadge key="c" value={record.classification} />],
    [t("records.detail.retention"), t(`records.retention.${record.retention}`)],
    [t("records.table.retentionUntil"), retentionUntilText(record.retentionUntil, lang)],
    ...(record.trigger === "graduation"
      ? ([[t("records.upload.eventDate"), record.eventDate ? dateText(record.eventDate, lang) : "—"]] as [
          string,
          ReactNode,
        ][])
      : []),
    ...(record.retentionLabel
      ? ([[t("records.detail.retentionLabel"), record.retentionLabel]] as [string, ReactNode][])
      : []),
    [t("records.table.author"), record.authorName],
    [t("records.table.createdAt"), formatInstant(record.createdAt, lang)],
    [t("records.detail.updatedAt"), formatInstant(record.updatedAt, lang)],
    [t("records.detail.fileName"), record.fileName],
    [t("records.detail.size"), `${formatBytes(record.size)}（${record.mimeType}）`],
    [t("records.detail.versionCount"), String(record.versionCount)],
    ...(record.related
      ? ([[t("records.detail.related"), relatedText(record, t(`records.related.${record.related.kind}`))]] as [
          string,
          ReactNode,
        ][])
      : []),
    ...(record.note ? ([[t("records.upload.note"), record.note]] as [string, ReactNode][]) : []),
    [t("records.detail.sha256"), <code key="h">{record.sha256}</code>],
  ];
  return (
    <dl className={styles.list} data-testid="record-metadata">
      {rows.map(([term, detail]) => (
        <div key={term} style={{ display: "contents" }}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.detail}>{detail}</dd>
        </div>
      ))}
    </dl>
  );
}
