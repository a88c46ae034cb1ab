import { Field, Select } from "@fluentui/react-components";
import type { FilePlan } from "@komu/shared";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { categoryLabel, fileableGroups } from "../model/category-tree.js";

/** 文書分類: only fileable categories (leaves, not retired), grouped by 大分類, from the school's file plan. */
export function CategoryPicker(props: {
  plan: Pick<FilePlan, "categories">;
  value: string;
  onChange: (code: string) => void;
  required?: boolean;
  validationMessage?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const groups = useMemo(() => fileableGroups(props.plan), [props.plan]);
  return (
    <Field
      label={t("records.category")}
      required={props.required ?? true}
      validationMessage={props.validationMessage}
      validationState={props.validationMessage ? "error" : "none"}
    >
      <Select value={props.value} onChange={(_, data) => props.onChange(data.value)} data-testid="category-picker">
        <option value="">{t("records.chooseCategory")}</option>
        {groups.map((g) => (
          <optgroup
            key={g.group?.code ?? "-"}
            label={g.group ? categoryLabel(g.group, lang) : t("records.otherCategories")}
          >
            {g.options.map((c) => (
              <option key={c.code} value={c.code}>
                {categoryLabel(c, lang)}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
    </Field>
  );
}
