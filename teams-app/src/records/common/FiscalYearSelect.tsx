import { Field, Select } from "@fluentui/react-components";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { fiscalYearLabel, fiscalYearOptions } from "../model/fiscal-years.js";

/** 年度 selector: current 年度 first, shown as 2026年度（令和8年度）; optionally "all years". */
export function FiscalYearSelect(props: {
  value: number | null;
  onChange: (fiscalYear: number | null) => void;
  allowAll?: boolean;
  label?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const years = useMemo(() => fiscalYearOptions(new Date()), []);
  return (
    <Field label={props.label ?? t("records.fiscalYear")} required={props.required ?? false}>
      <Select
        value={props.value === null ? "" : String(props.value)}
        onChange={(_, data) => props.onChange(data.value === "" ? null : Number(data.value))}
      >
        {props.allowAll && <option value="">{t("records.allYears")}</option>}
        {years.map((y) => (
          <option key={y} value={y}>
            {fiscalYearLabel(y, lang)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
