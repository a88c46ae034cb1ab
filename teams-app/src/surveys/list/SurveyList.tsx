import {
  Badge,
  Button,
  Link,
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
} from "@fluentui/react-components";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { ViewHeading } from "../../app/ViewHeading.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { RateBar } from "../common/RateBar.js";
import { StatusBadge } from "../common/StatusBadge.js";
import { useSurveys } from "../common/SurveysContext.js";
import { displayStatus } from "../model/status.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalM, overflowX: "auto" },
  top: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: tokens.spacingHorizontalM },
  badges: {
    display: "flex",
    gap: tokens.spacingHorizontalXS,
    flexWrap: "wrap",
    marginBlockStart: tokens.spacingVerticalXXS,
  },
});

/** 自分のアンケート (the ones I own) or 学校全体 (survey.oversee: every survey of the school). */
export function SurveyList({ scope }: { scope: "mine" | "school" }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, principal, openSurvey } = useSurveys();
  const [state, reload] = useLoad(() => api.list(), [api]);
  const now = useMemo(() => new Date(), []);
  if (state.status === "loading") return <Spinner label={t("app.loading")} />;
  if (state.status === "error") return <ErrorPanel error={state.error} onRetry={reload} />;
  const items = state.data.items
    .filter((s) => scope === "school" || s.owner.oid === principal.oid)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <div className={styles.wrap}>
      <div className={styles.top}>
        <ViewHeading focus={false}>{t(`surveys.views.${scope}`)}</ViewHeading>
        <Button size="small" onClick={reload}>
          {t("surveys.list.reload")}
        </Button>
      </div>
      {items.length === 0 ? (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>{t(`surveys.list.empty.${scope}`)}</MessageBarBody>
        </MessageBar>
      ) : (
        <Table aria-label={t(`surveys.views.${scope}`)} size="small" data-testid={`survey-list-${scope}`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("surveys.list.title")}</TableHeaderCell>
              <TableHeaderCell>{t("surveys.list.status")}</TableHeaderCell>
              <TableHeaderCell>{t("surveys.list.deadline")}</TableHeaderCell>
              <TableHeaderCell>{t("surveys.list.rate")}</TableHeaderCell>
              {scope === "school" && <TableHeaderCell>{t("surveys.list.owner")}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((s) => (
              <TableRow key={s.id} data-testid="survey-row" data-survey-id={s.id}>
                <TableCell>
                  <Link as="button" onClick={() => openSurvey(s.id, s.status === "draft" ? "edit" : undefined)}>
                    {s.title}
                  </Link>
                  <div className={styles.badges}>
                    {s.anonymous && (
                      <Badge appearance="outline" size="small">
                        {t("surveys.badge.anonymous")}
                      </Badge>
                    )}
                    {s.sourceKind === "forms" && (
                      <Badge appearance="outline" size="small" color="informative">
                        {t("surveys.badge.forms")}
                      </Badge>
                    )}
                  </div>
                </TableCell>
                <TableCell>
                  <StatusBadge status={displayStatus(s, now)} />
                </TableCell>
                <TableCell>
                  <time dateTime={s.deadline}>{formatInstant(s.deadline, lang)}</time>
                </TableCell>
                <TableCell>{s.status === "draft" ? "—" : <RateBar part={s.answered} whole={s.recipients} />}</TableCell>
                {scope === "school" && <TableCell>{s.owner.name}</TableCell>}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
