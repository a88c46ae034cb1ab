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
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { ViewHeading } from "../../app/ViewHeading.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useSurveys } from "../common/SurveysContext.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalM, overflowX: "auto" },
  top: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: tokens.spacingHorizontalM },
});

const COLOR = { none: "danger", partial: "warning", submitted: "success" } as const;

/** 回答するアンケート: the surveys I am asked to answer (GET /api/surveys/assigned, every school). */
export function AssignedList() {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, respond } = useSurveys();
  const [state, reload] = useLoad(() => api.assigned(), [api]);
  if (state.status === "loading") return <Spinner label={t("app.loading")} />;
  if (state.status === "error") return <ErrorPanel error={state.error} onRetry={reload} />;
  const items = [...state.data.items].sort((a, b) => a.deadline.localeCompare(b.deadline));
  return (
    <div className={styles.wrap}>
      <div className={styles.top}>
        <ViewHeading focus={false}>{t("surveys.views.answer")}</ViewHeading>
        <Button size="small" onClick={reload}>
          {t("surveys.list.reload")}
        </Button>
      </div>
      {items.length === 0 ? (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>{t("surveys.list.empty.answer")}</MessageBarBody>
        </MessageBar>
      ) : (
        <Table aria-label={t("surveys.views.answer")} size="small" data-testid="survey-list-answer">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("surveys.list.title")}</TableHeaderCell>
              <TableHeaderCell>{t("surveys.list.myStatus")}</TableHeaderCell>
              <TableHeaderCell>{t("surveys.list.deadline")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((s) => (
              <TableRow key={`${s.schoolId}/${s.id}`} data-testid="assigned-row" data-survey-id={s.id}>
                <TableCell>
                  <Link as="button" onClick={() => respond(s.schoolId, s.id)}>
                    {s.title}
                  </Link>
                </TableCell>
                <TableCell>
                  <Badge appearance="tint" color={COLOR[s.status]}>
                    {t(`surveys.myStatus.${s.status}`)}
                  </Badge>
                  {!s.acceptsAnswers && (
                    <Badge appearance="outline" style={{ marginInlineStart: 4 }}>
                      {t("surveys.status.closed")}
                    </Badge>
                  )}
                </TableCell>
                <TableCell>
                  <time dateTime={s.deadline}>{formatInstant(s.deadline, lang)}</time>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
