import {
  Badge,
  Body1,
  Button,
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
import type { RegisterEntryView } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { ClassificationBadge } from "../common/ClassificationBadge.js";
import { useRecords } from "../common/RecordsContext.js";
import { dateText } from "../model/retention-text.js";

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  table: { minWidth: "720px" },
  number: { whiteSpace: "nowrap", fontWeight: tokens.fontWeightSemibold },
  voided: { color: tokens.colorNeutralForeground3, textDecorationLine: "line-through" },
  muted: { color: tokens.colorNeutralForeground2 },
});

const STATUS_COLOR = { reserved: "warning", filed: "success", voided: "subtle" } as const;

/** A 年度's register lines, newest first: number, date, subject, counterpart, channel, status, and 取消. */
export function RegisterTable(props: {
  entries: RegisterEntryView[];
  caption: string;
  canVoid: boolean;
  onVoid: (entry: RegisterEntryView) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { openRecord } = useRecords();
  if (props.entries.length === 0) {
    return (
      <Body1 as="p" className={styles.muted}>
        {t("records.registers.empty")}
      </Body1>
    );
  }
  const kind = props.entries[0]?.register ?? "receipt";
  return (
    <div className={styles.scroll}>
      <Table aria-label={props.caption} className={styles.table} size="small" data-testid="register-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("records.registers.number")}</TableHeaderCell>
            <TableHeaderCell>{t(`records.registers.date.${kind}`)}</TableHeaderCell>
            <TableHeaderCell>{t("records.registers.subject")}</TableHeaderCell>
            <TableHeaderCell>{t(`records.registers.counterpart.${kind}`)}</TableHeaderCell>
            <TableHeaderCell>{t("records.registers.channel")}</TableHeaderCell>
            <TableHeaderCell>{t("records.table.classification")}</TableHeaderCell>
            <TableHeaderCell>{t("records.registers.status")}</TableHeaderCell>
            <TableHeaderCell>{t("records.registers.actions")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.entries.map((e) => (
            <TableRow key={`${e.fiscalYear}-${e.serial}`} data-testid="register-row">
              <TableCell className={styles.number}>{e.number}</TableCell>
              <TableCell>{dateText(e.date, lang)}</TableCell>
              <TableCell className={e.status === "voided" ? styles.voided : undefined}>
                {e.recordId ? (
                  <Link as="button" onClick={() => e.recordId && openRecord(e.recordId)}>
                    {e.title}
                  </Link>
                ) : (
                  e.title
                )}
                {e.voidReason && (
                  <div className={styles.muted}>{t("records.registers.voidReasonShown", { reason: e.voidReason })}</div>
                )}
              </TableCell>
              <TableCell>{e.counterpart}</TableCell>
              <TableCell>{t(`records.channel.${e.channel}`)}</TableCell>
              <TableCell>
                <ClassificationBadge value={e.classification} />
              </TableCell>
              <TableCell>
                <Badge appearance="tint" color={STATUS_COLOR[e.status]}>
                  {t(`records.registers.entryStatus.${e.status}`)}
                </Badge>
              </TableCell>
              <TableCell>
                {props.canVoid && e.status !== "voided" && (
                  <Button
                    size="small"
                    onClick={() => props.onVoid(e)}
                    aria-label={t("records.registers.voidNamed", { number: e.number })}
                  >
                    {t("records.registers.void")}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
