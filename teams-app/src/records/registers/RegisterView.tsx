import { Button, makeStyles, Spinner, Subtitle2, tokens } from "@fluentui/react-components";
import { fiscalYearOf, type RegisterEntryView, type RegisterKind } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { FiscalYearSelect } from "../common/FiscalYearSelect.js";
import { useRecords } from "../common/RecordsContext.js";
import { saveBlob } from "../common/save-blob.js";
import { fiscalYearLabel } from "../model/fiscal-years.js";
import { AssignedNumber } from "./AssignedNumber.js";
import { RegisterForm } from "./RegisterForm.js";
import { RegisterTable } from "./RegisterTable.js";
import { VoidDialog } from "./VoidDialog.js";

const useStyles = makeStyles({
  view: { display: "grid", gap: tokens.spacingVerticalXL },
  bar: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "end", flexWrap: "wrap" },
  list: { display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
});

/** 収受簿 / 発送簿: register a line (and get its number), the 年度's list, 取消, Excel export. */
export default function RegisterView({ register }: { register: RegisterKind }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, abilities, plan, reloadPlan, announce } = useRecords();
  const [fiscalYear, setFiscalYear] = useState(() => fiscalYearOf(new Date()));
  const [entries, reload] = useLoad(() => api.registerList(register, fiscalYear), [api, register, fiscalYear]);
  const [assigned, setAssigned] = useState<RegisterEntryView | null>(null);
  const [formRound, setFormRound] = useState(0);
  const [voiding, setVoiding] = useState<RegisterEntryView | null>(null);
  const [exporting, setExporting] = useState(false);
  const caption = t(`records.registers.listCaption.${register}`, { year: fiscalYearLabel(fiscalYear, lang) });

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const answer = await api.exportRegister(register, fiscalYear);
      saveBlob(answer, `${t(`records.registers.tab.${register}`)}_${fiscalYear}.xlsx`);
      announce(t("records.registers.exported"));
    } catch (e) {
      announce(pickErrorMessage(e, lang));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className={styles.view}>
      {abilities.registerWrite &&
        (assigned ? (
          <AssignedNumber
            entry={assigned}
            onNext={() => {
              setAssigned(null);
              setFormRound((n) => n + 1);
            }}
          />
        ) : plan.status === "ok" ? (
          <RegisterForm
            key={`${register}-${formRound}`}
            register={register}
            plan={plan.data.plan}
            onRegistered={(entry) => {
              setAssigned(entry);
              if (entry.fiscalYear === fiscalYear) reload();
              else setFiscalYear(entry.fiscalYear);
            }}
          />
        ) : plan.status === "error" ? (
          <ErrorPanel error={plan.error} onRetry={reloadPlan} />
        ) : (
          <Spinner label={t("app.loading")} />
        ))}
      <section className={styles.list} aria-labelledby="register-list-heading">
        <Subtitle2 as="h2" id="register-list-heading">
          {caption}
        </Subtitle2>
        <div className={styles.bar}>
          <FiscalYearSelect value={fiscalYear} onChange={(y) => y !== null && setFiscalYear(y)} />
          <Button onClick={() => void exportXlsx()} disabled={exporting} data-testid="register-export">
            {exporting ? t("app.loading") : t("records.registers.export")}
          </Button>
        </div>
        {entries.status === "loading" && <Spinner label={t("app.loading")} />}
        {entries.status === "error" && <ErrorPanel error={entries.error} onRetry={reload} />}
        {entries.status === "ok" && (
          <RegisterTable
            entries={[...entries.data.items].sort((a, b) => b.serial - a.serial)}
            caption={caption}
            canVoid={abilities.registerWrite}
            onVoid={setVoiding}
          />
        )}
      </section>
      <VoidDialog entry={voiding} onClose={() => setVoiding(null)} onVoided={() => reload()} />
    </div>
  );
}
