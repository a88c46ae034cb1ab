import {
  Badge,
  Body1,
  Link,
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
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useRecords } from "../common/RecordsContext.js";
import { fiscalYearLabel } from "../model/fiscal-years.js";
import { CandidatesPanel } from "./CandidatesPanel.js";
import { DISPOSAL_STATUS_COLOR, DisposalDetail } from "./DisposalDetail.js";

const useStyles = makeStyles({
  view: { display: "grid", gap: tokens.spacingVerticalXXL },
  panel: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** 廃棄: clerks and the vice principal prepare 廃棄予定一覧; the principal approves or returns them. */
export default function DisposalView() {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, abilities } = useRecords();
  const [lists, reload] = useLoad(() => api.disposals(), [api]);
  const [selected, setSelected] = useState<string | null>(null);
  const items =
    lists.status === "ok" ? [...lists.data.items].sort((a, b) => b.proposedAt.localeCompare(a.proposedAt)) : [];

  return (
    <div className={styles.view}>
      {abilities.disposalPropose && (
        <CandidatesPanel
          onProposed={(id) => {
            reload();
            setSelected(id);
          }}
        />
      )}
      <section className={styles.panel} aria-labelledby="disposal-lists-heading">
        <Subtitle2 as="h2" id="disposal-lists-heading">
          {t("records.disposal.listsHeading")}
        </Subtitle2>
        {lists.status === "loading" && <Spinner label={t("app.loading")} />}
        {lists.status === "error" && <ErrorPanel error={lists.error} onRetry={reload} />}
        {lists.status === "ok" && items.length === 0 && (
          <Body1 as="p" className={styles.muted}>
            {t("records.disposal.noLists")}
          </Body1>
        )}
        {items.length > 0 && (
          <Table aria-label={t("records.disposal.listsHeading")} size="small" data-testid="disposal-lists">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("records.disposal.reviewYear")}</TableHeaderCell>
                <TableHeaderCell>{t("records.disposal.count")}</TableHeaderCell>
                <TableHeaderCell>{t("records.disposal.proposer")}</TableHeaderCell>
                <TableHeaderCell>{t("records.disposal.statusHeader")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((d) => (
                <TableRow key={d.id} aria-selected={selected === d.id}>
                  <TableCell>
                    <Link as="button" onClick={() => setSelected(d.id)}>
                      {fiscalYearLabel(d.fiscalYear, lang)}
                    </Link>
                  </TableCell>
                  <TableCell>{d.items.length}</TableCell>
                  <TableCell>
                    {d.proposedBy.name}（{formatInstant(d.proposedAt, lang, "date")}）
                  </TableCell>
                  <TableCell>
                    <Badge appearance="tint" color={DISPOSAL_STATUS_COLOR[d.status]}>
                      {t(`records.disposal.status.${d.status}`)}
                    </Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
      {selected && <DisposalDetail id={selected} onChanged={reload} />}
    </div>
  );
}
