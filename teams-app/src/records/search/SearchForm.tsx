import { Button, Field, Input, makeStyles, SearchBox, Select, tokens } from "@fluentui/react-components";
import type { FilePlan } from "@komu/shared";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import type { RecordFilters } from "../api/records-api.js";
import { FiscalYearSelect } from "../common/FiscalYearSelect.js";
import { categoryLabel } from "../model/category-tree.js";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM },
  words: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "end", flexWrap: "wrap" },
  wordsField: { flexGrow: 1, minWidth: "240px" },
  filters: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr))",
    "& > *": { minWidth: 0 },
    alignItems: "start",
    gap: tokens.spacingHorizontalM,
  },
});

export interface SearchCriteria {
  q: string;
  fiscalYear: number | null;
  categoryCode: string;
  number: string;
  person: string;
}

export const EMPTY_CRITERIA: SearchCriteria = { q: "", fiscalYear: null, categoryCode: "", number: "", person: "" };

export function toFilters(c: SearchCriteria): RecordFilters {
  return {
    ...(c.q.trim() ? { q: c.q.trim() } : {}),
    ...(c.fiscalYear !== null ? { fiscalYear: c.fiscalYear } : {}),
    ...(c.categoryCode ? { categoryCode: c.categoryCode } : {}),
    ...(c.number.trim() ? { number: c.number.trim() } : {}),
    ...(c.person.trim() ? { person: c.person.trim() } : {}),
  };
}

/** One box for words, plus 年度 / 分類 / 番号 / 作成者. Enter or 検索 runs it. */
export function SearchForm(props: {
  plan: Pick<FilePlan, "categories"> | null;
  onSearch: (c: SearchCriteria) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const [c, setC] = useState<SearchCriteria>(EMPTY_CRITERIA);
  const set = <K extends keyof SearchCriteria>(key: K, value: SearchCriteria[K]) =>
    setC((old) => ({ ...old, [key]: value }));
  const leaves = useMemo(() => {
    const categories = props.plan?.categories ?? [];
    const parents = new Set(categories.map((x) => x.parentCode));
    return categories.filter((x) => !parents.has(x.code)).sort((a, b) => a.code.localeCompare(b.code, "en"));
  }, [props.plan]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSearch(c);
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label={t("records.search.label")}>
      <div className={styles.words}>
        <Field label={t("records.search.words")} className={styles.wordsField} hint={t("records.search.wordsHint")}>
          <SearchBox value={c.q} onChange={(_, d) => set("q", d.value)} data-testid="search-words" />
        </Field>
        <Button appearance="primary" type="submit" data-testid="search-submit">
          {t("records.search.submit")}
        </Button>
      </div>
      <div className={styles.filters}>
        <FiscalYearSelect value={c.fiscalYear} onChange={(y) => set("fiscalYear", y)} allowAll />
        <Field label={t("records.category")}>
          <Select value={c.categoryCode} onChange={(_, d) => set("categoryCode", d.value)}>
            <option value="">{t("records.browse.allCategories")}</option>
            {leaves.map((x) => (
              <option key={x.code} value={x.code}>
                {categoryLabel(x, lang)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("records.search.number")} hint={t("records.search.numberHint")}>
          <Input value={c.number} onChange={(_, d) => set("number", d.value)} data-testid="search-number" />
        </Field>
        <Field label={t("records.search.person")}>
          <Input value={c.person} onChange={(_, d) => set("person", d.value)} />
        </Field>
      </div>
    </form>
  );
}
