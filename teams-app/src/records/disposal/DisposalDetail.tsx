import {
  Badge,
  Body1,
  Button,
  makeStyles,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import type { DisposalView } from "@komu/shared";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { ClassificationBadge } from "../common/ClassificationBadge.js";
import { useRecords } from "../common/RecordsContext.js";
import { fiscalYearLabel } from "../model/fiscal-years.js";
import { retentionUntilText } from "../model/retention-text.js";
import { DecisionDialog } from "./DecisionDialog.js";

const useStyles = makeStyles({
  panel: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  scroll: { overflowX: "auto" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
  failure: { color: tokens.colorPaletteRedForeground1 },
  hash: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100 },
});

export const DISPOSAL_STATUS_COLOR = {
  proposed: "warning",
  approved: "success",
  rejected: "danger",
  completed: "subtle",
} as const;

/** One 廃棄予定一覧: who proposed it, its records, and (for the principal) 承認 / 差し戻し. */
export function DisposalDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, abilities } = useRecords();
  const [loaded, reload] = useLoad(() => api.disposal(id), [api, id]);
  const [disposal, setDisposal] = useState<DisposalView | null>(null);
  const [decision, setDecision] = useState<"approve" | "reject" | null>(null);
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (loaded.status === "ok") setDisposal(loaded.data);
  }, [loaded]);
  // Keep the lists above in step when the status moves on (approved → completed in the background).
  const status = disposal?.status;
  const seenStatus = useRef(status);
  useEffect(() => {
    if (status === undefined || seenStatus.current === status) return;
    const first = seenStatus.current === undefined;
    seenStatus.current = status;
    if (!first) onChanged();
  }, [status, onChanged]);
  // After approval, SharePoint deletions run in the background: look again a few times while some are pending.
  const deleting = disposal?.status === "approved" && disposal.items.some((i) => i.status === "pending");
  useEffect(() => {
    if (!deleting || polls >= 10) return;
    const timer = setTimeout(() => {
      setPolls((n) => n + 1);
      reload();
    }, 3_000);
    return () => clearTimeout(timer);
  }, [deleting, polls, reload]);

  if (loaded.status === "error") return <ErrorPanel error={loaded.error} onRetry={reload} />;
  if (!disposal || disposal.id !== id) return <Spinner label={t("app.loading")} />;
  return (
    <section className={styles.panel} aria-labelledby="disposal-detail-heading" data-testid="disposal-detail">
      <Subtitle2 as="h2" id="disposal-detail-heading">
        {t("records.disposal.detailHeading", { year: fiscalYearLabel(disposal.fiscalYear, lang) })}{" "}
        <Badge appearance="tint" color={DISPOSAL_STATUS_COLOR[disposal.status]}>
          {t(`records.disposal.status.${disposal.status}`)}
        </Badge>
      </Subtitle2>
      <Body1>
        {t("records.disposal.proposedBy", {
          name: disposal.proposedBy.name,
          date: formatInstant(disposal.proposedAt, lang),
        })}
        {disposal.decidedBy && disposal.decidedAt && (
          <>
            {" / "}
            {t("records.disposal.decidedBy", {
              name: disposal.decidedBy.name,
              date: formatInstant(disposal.decidedAt, lang),
            })}
          </>
        )}
      </Body1>
      {disposal.comment && <Body1>{t("records.disposal.commentShown", { comment: disposal.comment })}</Body1>}
      <div className={styles.scroll}>
        <Table aria-label={t("records.disposal.itemsTable")} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("records.table.title")}</TableHeaderCell>
              <TableHeaderCell>{t("records.table.number")}</TableHeaderCell>
              <TableHeaderCell>{t("records.table.category")}</TableHeaderCell>
              <TableHeaderCell>{t("records.table.classification")}</TableHeaderCell>
              <TableHeaderCell>{t("records.table.retentionUntil")}</TableHeaderCell>
              <TableHeaderCell>{t("records.disposal.itemStatus")}</TableHeaderCell>
              <TableHeaderCell>SHA-256</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {disposal.items.map((i) => (
              <TableRow key={i.recordId}>
                <TableCell>{i.title}</TableCell>
                <TableCell>{i.number ?? "—"}</TableCell>
                <TableCell>
                  {i.categoryCode} {i.categoryName}
                </TableCell>
                <TableCell>
                  <ClassificationBadge value={i.classification} />
                </TableCell>
                <TableCell>{retentionUntilText(i.retentionUntil, lang)}</TableCell>
                <TableCell>
                  {t(`records.disposal.itemStatusValue.${i.status}`)}
                  {i.failure && <div className={styles.failure}>{i.failure.message[lang] || i.failure.message.ja}</div>}
                </TableCell>
                <TableCell className={styles.hash} title={i.sha256}>
                  {i.sha256.slice(0, 12)}…
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {abilities.disposalApprove && disposal.status === "proposed" && (
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => setDecision("approve")} data-testid="disposal-approve">
            {t("records.disposal.approve")}
          </Button>
          <Button onClick={() => setDecision("reject")}>{t("records.disposal.reject")}</Button>
        </div>
      )}
      <DecisionDialog
        disposal={disposal}
        decision={decision}
        onClose={() => setDecision(null)}
        onDecided={(d) => setDisposal(d)}
      />
    </section>
  );
}
