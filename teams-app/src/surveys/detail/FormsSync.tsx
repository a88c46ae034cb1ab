import {
  Body1,
  Button,
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
import type { FormsSyncResult, SurveyView } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { formatInstant } from "../../format/dates.js";
import { useSurveys } from "../common/SurveysContext.js";

const useStyles = makeStyles({
  section: { display: "grid", gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  table: { overflowX: "auto" },
});

/** A Forms survey's 「再同期」: new workbook rows read now; added and unmatched rows shown. */
export function FormsSync(props: { survey: SurveyView; onChange: (s: SurveyView) => void; onSynced?: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce } = useSurveys();
  const [sync, setSync] = useState<
    { status: "idle" | "loading" } | { status: "ok"; data: FormsSyncResult } | { status: "error"; message: string }
  >({ status: "idle" });
  const source = props.survey.source;
  if (source.kind !== "forms") return null;

  const resync = async () => {
    setSync({ status: "loading" });
    try {
      const data = await api.formsSync(props.survey.id);
      setSync({ status: "ok", data });
      props.onChange(data.survey);
      props.onSynced?.();
      announce(t("surveys.forms.synced", { added: data.added, unmatched: data.unmatched.length }));
    } catch (e) {
      const message = pickErrorMessage(e, lang);
      setSync({ status: "error", message });
      announce(message);
    }
  };

  return (
    <section aria-labelledby="survey-forms-sync" className={styles.section}>
      <Subtitle2 as="h3" id="survey-forms-sync">
        {t("surveys.forms.title")}
      </Subtitle2>
      <Body1 as="p">
        {t("surveys.forms.workbook", { name: source.fileName })}
        {source.lastSyncAt ? ` · ${t("surveys.forms.lastSync", { at: formatInstant(source.lastSyncAt, lang) })}` : ""}
      </Body1>
      <div className={styles.actions}>
        <Button
          onClick={() => void resync()}
          disabledFocusable={sync.status === "loading"}
          data-testid="survey-forms-sync"
        >
          {t("surveys.forms.resync")}
        </Button>
        {sync.status === "loading" && <Spinner size="tiny" label={t("surveys.forms.syncing")} />}
      </div>
      {sync.status === "error" && (
        <MessageBar layout="multiline" intent="error" role="alert">
          <MessageBarBody>{sync.message}</MessageBarBody>
        </MessageBar>
      )}
      {sync.status === "ok" && (
        <div data-testid="survey-forms-sync-result" className={styles.table}>
          <MessageBar layout="multiline" intent={sync.data.unmatched.length > 0 ? "warning" : "success"}>
            <MessageBarBody>
              {t("surveys.forms.syncResult", {
                added: sync.data.added,
                skipped: sync.data.skipped,
                unmatched: sync.data.unmatched.length,
              })}
            </MessageBarBody>
          </MessageBar>
          {sync.data.unmatched.length > 0 && (
            <Table size="small" aria-label={t("surveys.forms.unmatched")}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t("surveys.forms.row")}</TableHeaderCell>
                  <TableHeaderCell>{t("surveys.tracking.name")}</TableHeaderCell>
                  <TableHeaderCell>{t("surveys.forms.email")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {sync.data.unmatched.map((u) => (
                  <TableRow key={u.row}>
                    <TableCell>{u.row}</TableCell>
                    <TableCell>{u.name}</TableCell>
                    <TableCell>{u.email}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </div>
      )}
    </section>
  );
}
