import { Field, Select } from "@fluentui/react-components";
import type { Classification } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { allowedClassifications } from "../model/classification.js";

/** 重要性分類: the category's default or higher (the server refuses lower with CLASSIFICATION_TOO_LOW). */
export function ClassificationSelect(props: {
  categoryDefault: Classification | null;
  value: Classification | null;
  onChange: (value: Classification) => void;
}) {
  const { t } = useTranslation();
  const options = props.categoryDefault ? allowedClassifications(props.categoryDefault) : [];
  return (
    <Field
      label={t("records.classification")}
      hint={props.categoryDefault ? t("records.classificationHint", { value: props.categoryDefault }) : undefined}
    >
      <Select
        value={props.value ?? ""}
        disabled={options.length === 0}
        onChange={(_, data) => props.onChange(data.value as Classification)}
        data-testid="classification-select"
      >
        {options.length === 0 && <option value="">{t("records.chooseCategoryFirst")}</option>}
        {options.map((c) => (
          <option key={c} value={c}>
            {t(`records.classificationOption.${c}`)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
