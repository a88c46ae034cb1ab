import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import { fiscalYearOf, MEETING_TYPE_LABELS, type MeetingSummary } from "@komu/shared";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { FiscalYearSelect } from "../../records/common/FiscalYearSelect.js";
import { useMeetings } from "../common/MeetingsContext.js";
import { StatusBadge } from "../common/StatusBadge.js";
import { displayStatus, splitMeetings } from "../model/list.js";
import { formatMeetingTime } from "../model/times.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalL, minWidth: 0 },
  filters: { display: "flex", gap: tokens.spacingHorizontalL, flexWrap: "wrap", alignItems: "end" },
  search: { minWidth: "16rem" },
  section: { display: "grid", gap: tokens.spacingVerticalS, minWidth: 0, overflowX: "auto" },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  title: { textAlign: "start", justifyContent: "start", minWidth: 0 },
});

/** The school's meetings of one 年度 (upcoming, then past), searched by words on the server. */
export function MeetingList() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { api } = useMeetings();
  const [year, setYear] = useState<number>(() => fiscalYearOf(new Date()));
  const [words, setWords] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(words), 300);
    return () => clearTimeout(timer);
  }, [words]);
  // The answer remembers the words it is for (the list says which search it shows).
  const [list, reload] = useLoad(async () => ({ query, ...(await api.list(year, query)) }), [api, year, query]);
  const split = useMemo(() => (list.status === "ok" ? splitMeetings(list.data.items, new Date()) : null), [list]);

  return (
    <div
      className={styles.wrap}
      data-testid="meetings-list"
      data-query={list.status === "ok" ? list.data.query : undefined}
      data-state={list.status}
    >
      <div className={styles.filters}>
        <FiscalYearSelect
          value={year}
          onChange={(y) => y !== null && setYear(y)}
          label={t("meetings.list.fiscalYear")}
        />
        <Field label={t("meetings.list.search")} className={styles.search}>
          <Input
            type="search"
            value={words}
            onChange={(_, d) => setWords(d.value)}
            placeholder={t("meetings.list.searchPlaceholder")}
            data-testid="meetings-search"
          />
        </Field>
      </div>
      {list.status === "loading" && <Spinner label={t("app.loading")} />}
      {list.status === "error" && <ErrorPanel error={list.error} onRetry={reload} />}
      {split && (
        <>
          <Section id="meetings-upcoming" title={t("meetings.list.upcoming")} items={split.upcoming} />
          <Section id="meetings-past" title={t("meetings.list.past")} items={split.past} />
        </>
      )}
    </div>
  );
}

function Section(props: { id: string; title: string; items: MeetingSummary[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { openMeeting } = useMeetings();
  const now = new Date();
  return (
    <section className={styles.section} aria-labelledby={`${props.id}-h`} data-testid={props.id}>
      <h2 id={`${props.id}-h`} className={styles.heading}>
        {props.title}（{t("meetings.list.count", { count: props.items.length })}）
      </h2>
      {props.items.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t("meetings.list.empty")}</MessageBarBody>
        </MessageBar>
      ) : (
        <Table size="small" aria-labelledby={`${props.id}-h`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("meetings.list.when")}</TableHeaderCell>
              <TableHeaderCell>{t("meetings.list.meeting")}</TableHeaderCell>
              <TableHeaderCell>{t("meetings.list.place")}</TableHeaderCell>
              <TableHeaderCell>{t("meetings.list.chair")}</TableHeaderCell>
              <TableHeaderCell>{t("meetings.list.status")}</TableHeaderCell>
              <TableHeaderCell>{t("meetings.list.materials")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.items.map((m) => (
              <TableRow key={m.id} data-testid="meeting-row" data-meeting-id={m.id}>
                <TableCell>{formatMeetingTime(m.startsAt, m.endsAt, lang)}</TableCell>
                <TableCell>
                  <Button appearance="transparent" className={styles.title} onClick={() => openMeeting(m.id)}>
                    {MEETING_TYPE_LABELS[m.type][lang]}：{m.title}
                  </Button>
                </TableCell>
                <TableCell>{m.place || "—"}</TableCell>
                <TableCell>{m.chair.name}</TableCell>
                <TableCell>
                  <StatusBadge status={displayStatus(m, now)} />
                </TableCell>
                <TableCell>{t("meetings.list.materialCount", { count: m.materials })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
