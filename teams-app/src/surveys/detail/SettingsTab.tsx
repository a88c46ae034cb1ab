import {
  makeStyles,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import { type Audience, groupLabel, QUESTION_LABELS, ROLE_LABELS, type SurveyView } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { formatInstant } from "../../format/dates.js";
import { FormsSync } from "./FormsSync.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalL },
  dl: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    "& dd": { margin: 0 },
  },
  table: { overflowX: "auto" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

function audienceText(audience: Audience, lang: "ja" | "en", t: (k: string, o?: object) => string): string {
  if (audience.kind === "staff")
    return audience.roles.length === 0
      ? t("surveys.audience.allStaff")
      : `${t("surveys.audience.staff")}（${audience.roles.map((r) => ROLE_LABELS[r][lang]).join("、")}）`;
  const groups =
    audience.groups.length === 0
      ? t("surveys.audience.wholeSchool")
      : audience.groups.map((g) => groupLabel(g.grade, g.class)).join("、");
  return `${t(`surveys.audience.${audience.kind}`)}（${groups}）`;
}

/** 設定: what was sent (audience, anonymity, reminders, questions); for a Forms survey 「再同期」. */
export default function SettingsTab({ survey, onChange }: { survey: SurveyView; onChange: (s: SurveyView) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  return (
    <div className={styles.wrap} data-testid="survey-settings">
      <dl className={styles.dl}>
        <dt>{t("surveys.builder.audience")}</dt>
        <dd>{audienceText(survey.audience, lang, t as never)}</dd>
        <dt>{t("surveys.settings.answerer")}</dt>
        <dd>{survey.anonymous ? t("surveys.badge.anonymous") : t("surveys.settings.named")}</dd>
        <dt>{t("surveys.settings.deadline")}</dt>
        <dd>{formatInstant(survey.deadline, lang)}</dd>
        <dt>{t("surveys.builder.reminders")}</dt>
        <dd>
          {survey.reminders.daysBefore.length === 0
            ? t("surveys.settings.noReminders")
            : survey.reminders.daysBefore
                .map((d) =>
                  d === 0 ? t("surveys.builder.reminderSameDay") : t("surveys.builder.reminderDays", { n: d }),
                )
                .join("、")}
        </dd>
        <dt>{t("surveys.settings.where")}</dt>
        <dd>
          {survey.audience.kind === "guardians"
            ? t("surveys.settings.whereLink")
            : survey.answerInCard
              ? t("surveys.settings.whereCard")
              : t("surveys.settings.whereTab")}
        </dd>
        {survey.openedAt && (
          <>
            <dt>{t("surveys.settings.openedAt")}</dt>
            <dd>{formatInstant(survey.openedAt, lang)}</dd>
          </>
        )}
        {survey.closedAt && (
          <>
            <dt>{t("surveys.settings.closedAt")}</dt>
            <dd>{formatInstant(survey.closedAt, lang)}</dd>
          </>
        )}
      </dl>
      {survey.source.kind === "forms" && <FormsSync survey={survey} onChange={onChange} />}
      <section aria-labelledby="settings-questions" className={styles.table}>
        <Subtitle2 as="h3" id="settings-questions">
          {t("surveys.builder.questions", { count: survey.questions.length })}
        </Subtitle2>
        <Table size="small" aria-labelledby="settings-questions">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>#</TableHeaderCell>
              <TableHeaderCell>{t("surveys.builder.questionTitle")}</TableHeaderCell>
              <TableHeaderCell>{t("surveys.builder.type")}</TableHeaderCell>
              <TableHeaderCell>{t("surveys.builder.required")}</TableHeaderCell>
              <TableHeaderCell>{t("surveys.builder.condition")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {survey.questions.map((q, i) => {
              const target = q.showIf ? survey.questions.find((x) => x.id === q.showIf?.questionId) : undefined;
              return (
                <TableRow key={q.id}>
                  <TableCell>{i + 1}</TableCell>
                  <TableCell>{q.title}</TableCell>
                  <TableCell>{QUESTION_LABELS[q.type][lang]}</TableCell>
                  <TableCell>{q.required ? t("surveys.yes") : t("surveys.no")}</TableCell>
                  <TableCell>{target ? t("surveys.settings.conditionOn", { title: target.title }) : "—"}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </section>
    </div>
  );
}
