import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Input,
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
import { groupLabel, type RemindResult, type SurveyView } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../app/ConfirmDialog.js";
import { useLang } from "../../app/useLang.js";
import { formatInstant } from "../../format/dates.js";
import { jstToUtc, utcToJst } from "../../format/jst-input.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { newKey } from "../api/surveys-api.js";
import { RateBar } from "../common/RateBar.js";
import { useSurveys } from "../common/SurveysContext.js";
import { percent } from "../model/status.js";
import { FormsSync } from "./FormsSync.js";
import { useTracking } from "./useTracking.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalL },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  bars: { display: "grid", gap: tokens.spacingVerticalXS, margin: 0, padding: 0, listStyle: "none" },
  bar: {
    display: "grid",
    gridTemplateColumns: "minmax(5rem, 8rem) 1fr",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
  table: { overflowX: "auto" },
  row: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap", alignItems: "end" },
  section: { display: "grid", gap: tokens.spacingVerticalXS },
});

type Dialog = "remind" | "deadline" | "close" | null;

/** 回答状況: live rates (overall, by grade, by class), the non-responders, リマインド, 締切延長, 終了. */
export function TrackingTab({ survey, onChange }: { survey: SurveyView; onChange: (s: SurveyView) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce, openSurvey } = useSurveys();
  const { data, error, reload } = useTracking(api, survey.id, survey.status === "open", (c) =>
    announce(t("surveys.tracking.announce", { answered: c.answered, total: c.total })),
  );
  const [dialog, setDialog] = useState<Dialog>(null);
  const [remindKey, setRemindKey] = useState("");
  const [reminded, setReminded] = useState<RemindResult | null>(null);
  const [deadline, setDeadline] = useState(() => utcToJst(survey.deadline));
  const [deadlineProblem, setDeadlineProblem] = useState<string | null>(null);

  if (!data && error) return <ErrorPanel error={error} onRetry={() => void reload()} />;
  if (!data) return <Spinner label={t("app.loading")} />;
  const open = survey.status === "open";
  const pending = data.nonResponders.length;
  const guardians = survey.audience.kind === "guardians";

  return (
    <div className={styles.wrap} data-testid="survey-tracking">
      {error !== null && <ErrorPanel error={error} onRetry={() => void reload()} />}
      <section aria-labelledby="tracking-overall" className={styles.section}>
        <Subtitle2 as="h3" id="tracking-overall">
          {t("surveys.tracking.overall")}
        </Subtitle2>
        <Body1 as="p" data-testid="survey-tracking-total">
          {t("surveys.tracking.total", {
            answered: data.total.answered,
            total: data.total.total,
            rate: percent(data.total.answered, data.total.total),
          })}
          {data.partial > 0 && ` ${t("surveys.tracking.partialCount", { count: data.partial })}`}
        </Body1>
        <RateBar part={data.total.answered} whole={data.total.total} />
        <Caption1>{t("surveys.tracking.updated", { at: formatInstant(data.at, lang, "time") })}</Caption1>
      </section>
      {open && (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            disabledFocusable={pending === 0}
            onClick={() => {
              setRemindKey(newKey());
              setDialog("remind");
            }}
            data-testid="survey-remind"
          >
            {t("surveys.tracking.remind")}
          </Button>
          <Button onClick={() => setDialog("deadline")} data-testid="survey-extend">
            {t("surveys.tracking.extend")}
          </Button>
          <Button onClick={() => setDialog("close")} data-testid="survey-close">
            {t("surveys.tracking.close")}
          </Button>
        </div>
      )}
      {survey.source.kind === "forms" && (
        <FormsSync survey={survey} onChange={onChange} onSynced={() => void reload()} />
      )}
      {reminded && (
        <MessageBar layout="multiline" intent="success" data-testid="survey-remind-result">
          <MessageBarBody>
            {t("surveys.tracking.reminded", {
              cards: reminded.cards,
              guardians: reminded.guardians,
              skipped: reminded.skipped,
            })}{" "}
            {reminded.guardians > 0 && (
              <Button size="small" onClick={() => openSurvey(survey.id, "links")}>
                {t("surveys.tracking.openLinks")}
              </Button>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {[["byGrade", data.byGrade] as const, ["byClass", data.byClass] as const].map(([key, cells]) =>
        cells.length > 1 ? (
          <section key={key} aria-labelledby={`tracking-${key}`} className={styles.section}>
            <Subtitle2 as="h3" id={`tracking-${key}`}>
              {t(`surveys.tracking.${key}`)}
            </Subtitle2>
            <ul className={styles.bars}>
              {cells.map((c) => (
                <li key={c.label} className={styles.bar}>
                  <span>{c.label}</span>
                  <RateBar part={c.answered} whole={c.total} />
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
      <section aria-labelledby="tracking-pending" className={`${styles.section} ${styles.table}`}>
        <Subtitle2 as="h3" id="tracking-pending">
          {t("surveys.tracking.nonResponders", { count: pending })}
        </Subtitle2>
        {pending === 0 ? (
          <Body1 as="p">{t("surveys.tracking.allAnswered")}</Body1>
        ) : (
          <Table size="small" aria-labelledby="tracking-pending" data-testid="survey-non-responders">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("surveys.tracking.name")}</TableHeaderCell>
                <TableHeaderCell>{t("surveys.tracking.class")}</TableHeaderCell>
                <TableHeaderCell>{t("surveys.tracking.state")}</TableHeaderCell>
                <TableHeaderCell>{t("surveys.tracking.lastReminded")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.nonResponders.map((r) => (
                <TableRow key={r.key} data-testid="non-responder">
                  <TableCell>
                    {r.name}
                    {r.childName && <Caption1 block>{t("surveys.tracking.childOf", { name: r.childName })}</Caption1>}
                  </TableCell>
                  <TableCell>
                    {r.grade ? groupLabel(r.grade, r.class) : "—"}
                    {r.number ? ` ${t("surveys.tracking.number", { n: r.number })}` : ""}
                  </TableCell>
                  <TableCell>
                    {r.partial ? (
                      <Badge appearance="tint" color="warning">
                        {t("surveys.tracking.partial")}
                      </Badge>
                    ) : (
                      t("surveys.tracking.notStarted")
                    )}
                  </TableCell>
                  <TableCell>
                    {r.lastRemindedAt
                      ? `${formatInstant(r.lastRemindedAt, lang)}${r.remindCount ? ` (${t("surveys.tracking.times", { n: r.remindCount })})` : ""}`
                      : "—"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>

      <ConfirmDialog
        open={dialog === "remind"}
        title={t("surveys.tracking.remindTitle")}
        confirmLabel={t("surveys.tracking.remindConfirm")}
        testId="survey-remind-dialog"
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          const result = await api.remind(survey.id, remindKey);
          setReminded(result);
          announce(
            t("surveys.tracking.reminded", {
              cards: result.cards,
              guardians: result.guardians,
              skipped: result.skipped,
            }),
          );
          void reload();
        }}
      >
        <Body1 as="p">{t("surveys.tracking.remindBody", { count: pending })}</Body1>
        <Body1 as="p">{guardians ? t("surveys.tracking.remindGuardians") : t("surveys.tracking.remindCards")}</Body1>
      </ConfirmDialog>

      <ConfirmDialog
        open={dialog === "deadline"}
        title={t("surveys.tracking.extendTitle")}
        confirmLabel={t("surveys.tracking.extendConfirm")}
        testId="survey-extend-dialog"
        onClose={() => {
          setDialog(null);
          setDeadlineProblem(null);
        }}
        onConfirm={async () => {
          const iso = jstToUtc(deadline.date, deadline.time);
          if (!iso) {
            setDeadlineProblem(t("surveys.builder.problem.deadline"));
            return false;
          }
          setDeadlineProblem(null);
          const next = await api.deadline(survey, iso);
          onChange(next);
          announce(t("surveys.tracking.extended", { date: formatInstant(next.deadline, lang) }));
        }}
      >
        <div className={styles.row}>
          <Field
            label={t("surveys.builder.deadlineDate")}
            {...(deadlineProblem ? { validationMessage: deadlineProblem } : {})}
          >
            <Input
              type="date"
              value={deadline.date}
              onChange={(_, d) => setDeadline((x) => ({ ...x, date: d.value }))}
            />
          </Field>
          <Field label={t("surveys.builder.deadlineTime")} hint={t("surveys.builder.jst")}>
            <Input
              type="time"
              value={deadline.time}
              onChange={(_, d) => setDeadline((x) => ({ ...x, time: d.value }))}
            />
          </Field>
        </div>
      </ConfirmDialog>

      <ConfirmDialog
        open={dialog === "close"}
        title={t("surveys.tracking.closeTitle")}
        confirmLabel={t("surveys.tracking.closeConfirm")}
        testId="survey-close-dialog"
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          const next = await api.close(survey);
          onChange(next);
          announce(t("surveys.tracking.closed"));
        }}
      >
        <Body1 as="p">
          {t("surveys.tracking.closeBody", { answered: data.total.answered, total: data.total.total })}
        </Body1>
      </ConfirmDialog>
      {!open && (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>{t("surveys.tracking.notOpen")}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
