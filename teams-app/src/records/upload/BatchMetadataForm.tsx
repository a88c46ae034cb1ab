import { Body1, Field, Input, makeStyles, Textarea, tokens } from "@fluentui/react-components";
import { type FilePlan, findCategory } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { CategoryPicker } from "../common/CategoryPicker.js";
import { ClassificationSelect } from "../common/ClassificationSelect.js";
import { FiscalYearSelect } from "../common/FiscalYearSelect.js";
import { keepOrRaise } from "../model/classification.js";
import type { BatchMetadata } from "./metadata.js";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(220px, 1fr))",
    // Long category names must not widen a column past its share (selects would overlap).
    "& > *": { minWidth: 0 },
    alignItems: "start",
    gap: tokens.spacingHorizontalM,
  },
  wide: { gridColumn: "1 / -1", margin: 0 },
});

/** 年度, 文書分類 (fileable only), 重要性分類 (never below the category's), 卒業・転学日 when the category counts from it, 備考. */
export function BatchMetadataForm(props: {
  plan: Pick<FilePlan, "categories">;
  value: BatchMetadata;
  onChange: (value: BatchMetadata) => void;
  showCategoryError: boolean;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { value, onChange } = props;
  const category = value.categoryCode ? findCategory(props.plan, value.categoryCode) : undefined;
  return (
    <div className={styles.grid}>
      <FiscalYearSelect
        value={value.fiscalYear}
        onChange={(y) => y !== null && onChange({ ...value, fiscalYear: y })}
        required
      />
      <CategoryPicker
        plan={props.plan}
        value={value.categoryCode}
        validationMessage={props.showCategoryError && !category ? t("records.upload.categoryRequired") : undefined}
        onChange={(code) => {
          const next = findCategory(props.plan, code);
          onChange({
            ...value,
            categoryCode: code,
            classification: next ? keepOrRaise(value.classification ?? undefined, next.classification) : null,
          });
        }}
      />
      <ClassificationSelect
        categoryDefault={category?.classification ?? null}
        value={value.classification}
        onChange={(classification) => onChange({ ...value, classification })}
      />
      {category?.trigger === "graduation" && (
        <Field label={t("records.upload.eventDate")} hint={t("records.upload.eventDateHint")}>
          <Input type="date" value={value.eventDate} onChange={(_, d) => onChange({ ...value, eventDate: d.value })} />
        </Field>
      )}
      {category && (
        <Body1 as="p" className={styles.wide} data-testid="category-retention">
          {t("records.upload.retentionSummary", {
            period: t(`records.retention.${category.retention}`),
            from: t(`records.trigger.${category.trigger}`),
          })}
          {category.basis ? `（${category.basis}）` : ""}
        </Body1>
      )}
      <Field className={styles.wide} label={t("records.upload.note")}>
        <Textarea value={value.note} maxLength={1000} onChange={(_, d) => onChange({ ...value, note: d.value })} />
      </Field>
    </div>
  );
}
