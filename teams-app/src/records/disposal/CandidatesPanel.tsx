import {
  Body1,
  Button,
  Checkbox,
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
import { fiscalYearOf } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { newKey } from "../api/records-api.js";
import { ClassificationBadge } from "../common/ClassificationBadge.js";
import { FiscalYearSelect } from "../common/FiscalYearSelect.js";
import { useRecords } from "../common/RecordsContext.js";
import { fiscalYearLabel } from "../model/fiscal-years.js";
import { retentionUntilText } from "../model/retention-text.js";

const useStyles = makeStyles({
  panel: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  bar: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "end", flexWrap: "wrap" },
  scroll: { overflowX: "auto" },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** 廃棄候補: records whose retention ends with the chosen 年度; uncheck what must be kept, then 廃棄予定一覧を作成. */
export function CandidatesPanel({ onProposed }: { onProposed: (id: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce } = useRecords();
  const [fiscalYear, setFiscalYear] = useState(() => fiscalYearOf(new Date()));
  const [candidates, reload] = useLoad(() => api.candidates(fiscalYear), [api, fiscalYear]);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const toggle = (id: string, keep: boolean) =>
    setExcluded((old) => {
      const next = new Set(old);
      if (keep) next.add(id);
      else next.delete(id);
      return next;
    });

  const propose = async () => {
    setBusy(true);
    setError(null);
    try {
      const disposal = await api.propose(fiscalYear, [...excluded], newKey());
      announce(t("records.disposal.proposed", { count: disposal.items.length }));
      setExcluded(new Set());
      reload();
      onProposed(disposal.id);
    } catch (e) {
      setError(e);
      announce(pickErrorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const items = candidates.status === "ok" ? candidates.data.items : [];
  const chosen = items.filter((i) => !excluded.has(i.recordId)).length;
  return (
    <section className={styles.panel} aria-labelledby="candidates-heading">
      <Subtitle2 as="h2" id="candidates-heading">
        {t("records.disposal.candidatesHeading", { year: fiscalYearLabel(fiscalYear, lang) })}
      </Subtitle2>
      <div className={styles.bar}>
        <FiscalYearSelect
          value={fiscalYear}
          onChange={(y) => y !== null && setFiscalYear(y)}
          label={t("records.disposal.reviewYear")}
        />
      </div>
      {candidates.status === "loading" && <Spinner label={t("app.loading")} />}
      {candidates.status === "error" && <ErrorPanel error={candidates.error} onRetry={reload} />}
      {candidates.status === "ok" && items.length === 0 && (
        <Body1 as="p" className={styles.muted}>
          {t("records.disposal.noCandidates")}
        </Body1>
      )}
      {items.length > 0 && (
        <div className={styles.scroll}>
          <Table aria-label={t("records.disposal.candidatesTable")} size="small" data-testid="disposal-candidates">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("records.disposal.include")}</TableHeaderCell>
                <TableHeaderCell>{t("records.table.title")}</TableHeaderCell>
                <TableHeaderCell>{t("records.table.number")}</TableHeaderCell>
                <TableHeaderCell>{t("records.fiscalYear")}</TableHeaderCell>
                <TableHeaderCell>{t("records.table.category")}</TableHeaderCell>
                <TableHeaderCell>{t("records.table.classification")}</TableHeaderCell>
                <TableHeaderCell>{t("records.table.retentionUntil")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((i) => (
                <TableRow key={i.recordId}>
                  <TableCell>
                    <Checkbox
                      checked={!excluded.has(i.recordId)}
                      onChange={(_, d) => toggle(i.recordId, !d.checked)}
                      aria-label={t("records.disposal.includeNamed", { title: i.title })}
                    />
                  </TableCell>
                  <TableCell>{i.title}</TableCell>
                  <TableCell>{i.number ?? "—"}</TableCell>
                  <TableCell>{fiscalYearLabel(i.fiscalYear, lang)}</TableCell>
                  <TableCell>
                    {i.categoryCode} {i.categoryName}
                  </TableCell>
                  <TableCell>
                    <ClassificationBadge value={i.classification} />
                  </TableCell>
                  <TableCell>{retentionUntilText(i.retentionUntil, lang)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {error !== null && <ErrorPanel error={error} />}
      {items.length > 0 && (
        <div className={styles.bar}>
          <Button appearance="primary" disabled={busy || chosen === 0} onClick={() => void propose()}>
            {t("records.disposal.propose", { count: chosen })}
          </Button>
        </div>
      )}
    </section>
  );
}
