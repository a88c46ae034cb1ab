import {
  Badge,
  Body1,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import type { RecordView } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { formatInstant } from "../../format/dates.js";
import { retentionUntilText } from "../model/retention-text.js";
import { ClassificationBadge } from "./ClassificationBadge.js";
import { useRecords } from "./RecordsContext.js";

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  table: { minWidth: "720px" },
  title: { fontWeight: tokens.fontWeightSemibold, textAlign: "start" },
  number: { whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
  muted: { color: tokens.colorNeutralForeground2 },
  nowrap: { whiteSpace: "nowrap" },
});

/** The records list of 一覧 and 検索: title (opens the detail), number, category, class, 保存期限, 作成者, 登録日. */
export function RecordsTable({ items, caption }: { items: RecordView[]; caption: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { openRecord } = useRecords();
  if (items.length === 0) {
    return (
      <Body1 as="p" className={styles.muted} data-testid="records-empty">
        {t("records.table.empty")}
      </Body1>
    );
  }
  return (
    <div className={styles.scroll}>
      <Table aria-label={caption} className={styles.table} size="small" data-testid="records-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("records.table.title")}</TableHeaderCell>
            <TableHeaderCell>{t("records.table.number")}</TableHeaderCell>
            <TableHeaderCell>{t("records.table.category")}</TableHeaderCell>
            <TableHeaderCell>{t("records.table.classification")}</TableHeaderCell>
            <TableHeaderCell>{t("records.table.retentionUntil")}</TableHeaderCell>
            <TableHeaderCell>{t("records.table.author")}</TableHeaderCell>
            <TableHeaderCell>{t("records.table.createdAt")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((r) => (
            <TableRow key={r.id} data-testid="records-row">
              <TableCell>
                <Link as="button" className={styles.title} onClick={() => openRecord(r.id)}>
                  {r.title}
                </Link>
                {r.status !== "filed" && (
                  <Badge appearance="outline" color={r.status === "failed" ? "danger" : "informative"} size="small">
                    {t(`records.status.${r.status}`)}
                  </Badge>
                )}
              </TableCell>
              <TableCell className={styles.number} data-testid="records-row-number">
                {r.number?.text ?? "—"}
              </TableCell>
              <TableCell>
                {r.categoryCode} {r.categoryName}
              </TableCell>
              <TableCell>
                <ClassificationBadge value={r.classification} />
              </TableCell>
              <TableCell className={styles.nowrap}>{retentionUntilText(r.retentionUntil, lang)}</TableCell>
              <TableCell>{r.authorName}</TableCell>
              <TableCell className={styles.nowrap}>
                <time dateTime={r.createdAt}>{formatInstant(r.createdAt, lang, "date")}</time>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
