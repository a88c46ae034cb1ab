import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
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
import type { ResultsView, SurveyView } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useSession } from "../../app/session.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { CategoryConfirmDialog } from "../../records/common/CategoryConfirmDialog.js";
import { saveBlob } from "../../records/common/save-blob.js";
import { PrintArea } from "../common/PrintArea.js";
import { useSurveys } from "../common/SurveysContext.js";
import { percent } from "../model/status.js";

type QuestionResult = ResultsView["questions"][number];
type OptionCount = NonNullable<QuestionResult["options"]>[number];

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalL },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  question: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    paddingBlockEnd: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  bars: { display: "grid", gap: tokens.spacingVerticalXS },
  bar: {
    display: "grid",
    gridTemplateColumns: "minmax(6rem, 14rem) 1fr minmax(6rem, auto)",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
  track: { height: "14px", backgroundColor: tokens.colorNeutralBackground4 },
  fill: { height: "100%", backgroundColor: tokens.colorBrandBackground },
  value: { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  srOnly: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  table: { overflowX: "auto" },
  texts: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: "grid", gap: tokens.spacingVerticalXS },
});

/** 結果: per question (bars with a table alternative, statistics, by class, free text), CSV/Excel, print, 学校文書に保存. */
export default function ResultsTab({ survey }: { survey: SurveyView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce, schoolId } = useSurveys();
  const session = useSession();
  const [state, reload] = useLoad(() => api.results(survey.id), [api, survey.id]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [archiving, setArchiving] = useState(false);

  const download = async (format: "csv" | "xlsx") => {
    setBusy(format);
    setError(null);
    try {
      const file = await api.exportFile(survey.id, format);
      saveBlob(file, `${survey.title}.${format}`);
      announce(t("surveys.results.downloaded", { name: file.fileName ?? `${survey.title}.${format}` }));
    } catch (e) {
      const text = pickErrorMessage(e, lang);
      setError(text);
      announce(text);
    }
    setBusy(null);
  };

  if (state.status === "loading") return <Spinner label={t("app.loading")} />;
  if (state.status === "error") return <ErrorPanel error={state.error} onRetry={reload} />;
  const results = state.data;
  const body = (
    <>
      <Body1 as="p" data-testid="survey-results-count">
        {t("surveys.results.count", { responses: results.responses, recipients: results.recipients })}
        {" · "}
        {t("surveys.results.at", { at: formatInstant(results.at, lang) })}
      </Body1>
      {results.withheld ? (
        <MessageBar layout="multiline" intent="info" data-testid="survey-results-withheld">
          <MessageBarBody>
            {results.withheldReason === "untilClosed"
              ? t("surveys.results.withheldUntilClosed")
              : t("surveys.results.withheld", { n: results.minGroup })}
          </MessageBarBody>
        </MessageBar>
      ) : (
        results.questions.map((q, i) => <QuestionBlock key={q.questionId} index={i} q={q} />)
      )}
    </>
  );

  if (printing)
    return (
      <div className={styles.wrap}>
        <div className={`${styles.actions} komu-no-print`}>
          <Button appearance="primary" onClick={() => window.print()}>
            {t("surveys.links.print")}
          </Button>
          <Button onClick={() => setPrinting(false)}>{t("surveys.results.backToResults")}</Button>
        </div>
        <PrintArea testId="survey-results-print">
          <h2>{results.title}</h2>
          {body}
        </PrintArea>
      </div>
    );

  return (
    <div className={styles.wrap} data-testid="survey-results">
      <div className={styles.actions}>
        <Button
          onClick={() => void download("csv")}
          disabledFocusable={busy !== null || results.withheldReason === "untilClosed"}
          data-testid="survey-export-csv"
        >
          {t("surveys.results.csv")}
        </Button>
        <Button
          onClick={() => void download("xlsx")}
          disabledFocusable={busy !== null || results.withheldReason === "untilClosed"}
          data-testid="survey-export-xlsx"
        >
          {t("surveys.results.xlsx")}
        </Button>
        <Button onClick={() => setPrinting(true)}>{t("surveys.results.printView")}</Button>
        <Button onClick={() => setArchiving(true)} data-testid="survey-archive">
          {t("surveys.results.archive")}
        </Button>
        <Button appearance="subtle" onClick={reload}>
          {t("surveys.list.reload")}
        </Button>
        {busy && <Spinner size="tiny" label={t("surveys.results.downloading")} />}
      </div>
      {error && (
        <MessageBar layout="multiline" intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {body}
      {archiving && (
        <ArchiveDialog surveyId={survey.id} schoolId={schoolId} api={session.api} onClose={() => setArchiving(false)} />
      )}
    </div>
  );
}

function ArchiveDialog(props: {
  surveyId: string;
  schoolId: string;
  api: ReturnType<typeof useSession>["api"];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { api, announce } = useSurveys();
  return (
    <CategoryConfirmDialog
      api={props.api}
      schoolId={props.schoolId}
      title={t("surveys.results.archiveTitle")}
      confirmLabel={t("surveys.results.archiveConfirm")}
      body={t("surveys.results.archiveBody")}
      chooseCategory={t("surveys.results.chooseCategory")}
      testId="survey-archive-dialog"
      onClose={props.onClose}
      onConfirm={async (category) => {
        const result = await api.archive(props.surveyId, category);
        announce(t("surveys.results.archived", { count: result.recordIds.length }));
      }}
    />
  );
}

function QuestionBlock({ q, index }: { q: QuestionResult; index: number }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const headingId = `result-${q.questionId}`;
  return (
    <section
      className={`${styles.question} komu-print-card`}
      aria-labelledby={headingId}
      data-testid="survey-result-question"
    >
      <Subtitle2 as="h3" id={headingId}>
        {t("surveys.builder.questionN", { n: index + 1 })}：{q.title}
      </Subtitle2>
      <Caption1>{t("surveys.results.answered", { n: q.answered })}</Caption1>
      {q.options && <OptionBars options={q.options} total={q.answered} caption={q.title} />}
      {q.stats && <Stats stats={q.stats} />}
      {q.byClass && q.byClass.length > 0 && <ByClass q={q} />}
      {q.texts && (
        <ul className={styles.texts} aria-label={t("surveys.results.texts")}>
          {q.texts.length === 0 && <li>{t("surveys.results.noTexts")}</li>}
          {q.texts.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: free-text answers have no id and never reorder
            <li key={i}>
              {x.text}
              {(x.name || x.group) && <Caption1 block>{[x.group, x.name].filter(Boolean).join(" ")}</Caption1>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Horizontal bars (each labelled with count and %), hidden from screen readers, which read the table instead. */
function OptionBars({ options, total, caption }: { options: OptionCount[]; total: number; caption: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <>
      <div className={styles.bars} aria-hidden="true">
        {options.map((o) => (
          <div key={o.id} className={styles.bar}>
            <span>{o.label}</span>
            <div className={styles.track}>
              <div className={styles.fill} style={{ width: `${percent(o.count, total)}%` }} />
            </div>
            <span className={styles.value}>
              {t("surveys.results.countPercent", { count: o.count, percent: percent(o.count, total) })}
            </span>
          </div>
        ))}
      </div>
      <table className={styles.srOnly}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("surveys.results.option")}</th>
            <th scope="col">{t("surveys.results.countHeader")}</th>
            <th scope="col">{t("surveys.results.percentHeader")}</th>
          </tr>
        </thead>
        <tbody>
          {options.map((o) => (
            <tr key={o.id}>
              <th scope="row">{o.label}</th>
              <td>{o.count}</td>
              <td>{percent(o.count, total)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function Stats({ stats }: { stats: NonNullable<QuestionResult["stats"]> }) {
  const { t } = useTranslation();
  return (
    <Body1 as="p">
      {t("surveys.results.stats", {
        mean: fmt(stats.mean),
        median: fmt(stats.median),
        min: fmt(stats.min),
        max: fmt(stats.max),
        n: stats.n,
      })}
    </Body1>
  );
}

/** Cross-tab by class: a cell under the minimum group is 「5件未満のため非表示」. */
function ByClass({ q }: { q: QuestionResult }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const rows = q.byClass ?? [];
  const options = q.options ?? [];
  return (
    <div className={styles.table}>
      <Table size="small" aria-label={t("surveys.results.byClass", { title: q.title })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("surveys.tracking.class")}</TableHeaderCell>
            <TableHeaderCell>{t("surveys.results.n")}</TableHeaderCell>
            {options.map((o) => (
              <TableHeaderCell key={o.id}>{o.label}</TableHeaderCell>
            ))}
            {q.stats && <TableHeaderCell>{t("surveys.results.mean")}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.label}>
              <TableCell>{r.label}</TableCell>
              {r.suppressed ? (
                <TableCell colSpan={1 + options.length + (q.stats ? 1 : 0)}>
                  {t("surveys.results.suppressed")}
                </TableCell>
              ) : (
                <>
                  <TableCell>{r.n}</TableCell>
                  {options.map((o) => {
                    const c = r.options?.find((x) => x.id === o.id)?.count ?? 0;
                    return (
                      <TableCell key={o.id}>
                        {t("surveys.results.countPercent", { count: c, percent: percent(c, r.n) })}
                      </TableCell>
                    );
                  })}
                  {q.stats && <TableCell>{r.stats ? fmt(r.stats.mean) : "—"}</TableCell>}
                </>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
