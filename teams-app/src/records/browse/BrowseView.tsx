import { Caption1, makeStyles, Spinner, Subtitle2, tokens } from "@fluentui/react-components";
import { fiscalYearOf } from "@komu/shared";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { FiscalYearSelect } from "../common/FiscalYearSelect.js";
import { Pager } from "../common/Pager.js";
import { useRecords } from "../common/RecordsContext.js";
import { RecordsTable } from "../common/RecordsTable.js";
import { usePagedRecords } from "../common/usePagedRecords.js";
import { categoryLabel } from "../model/category-tree.js";
import { fiscalYearLabel } from "../model/fiscal-years.js";
import { CategoryTree } from "./CategoryTree.js";

const useStyles = makeStyles({
  layout: {
    display: "grid",
    gridTemplateColumns: "minmax(220px, 300px) 1fr",
    gap: tokens.spacingHorizontalXL,
    "@media (max-width: 760px)": { gridTemplateColumns: "1fr" },
  },
  side: { display: "grid", gap: tokens.spacingVerticalM, alignContent: "start" },
  main: { display: "grid", gap: tokens.spacingVerticalM, alignContent: "start", minWidth: 0 },
});

/** 一覧: 年度 and 文書分類 on the side, the records of that 年度 and category in the table. */
export function BrowseView() {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { plan, reloadPlan } = useRecords();
  const [fiscalYear, setFiscalYear] = useState<number>(() => fiscalYearOf(new Date()));
  const [category, setCategory] = useState<string | null>(null);
  const filters = useMemo(
    () => ({ fiscalYear, ...(category ? { categoryCode: category } : {}) }),
    [fiscalYear, category],
  );
  const { page, reload, pageNumber, next, previous } = usePagedRecords(filters);
  const categoryName = (() => {
    if (!category || plan.status !== "ok") return t("records.browse.allCategories");
    const c = plan.data.plan.categories.find((x) => x.code === category);
    return c ? categoryLabel(c, lang) : category;
  })();
  const caption = t("records.browse.caption", { year: fiscalYearLabel(fiscalYear, lang), category: categoryName });

  return (
    <div className={styles.layout}>
      <div className={styles.side}>
        <FiscalYearSelect value={fiscalYear} onChange={(y) => y !== null && setFiscalYear(y)} />
        {plan.status === "loading" && <Spinner size="tiny" label={t("app.loading")} />}
        {plan.status === "error" && <ErrorPanel error={plan.error} onRetry={reloadPlan} />}
        {plan.status === "ok" && <CategoryTree plan={plan.data.plan} selected={category} onSelect={setCategory} />}
      </div>
      <section className={styles.main} aria-labelledby="browse-heading">
        <Subtitle2 as="h2" id="browse-heading">
          {caption}
        </Subtitle2>
        {page.status === "loading" && <Spinner label={t("app.loading")} />}
        {page.status === "error" && <ErrorPanel error={page.error} onRetry={reload} />}
        {page.status === "ok" && page.data && (
          <>
            <RecordsTable items={page.data.items} caption={caption} />
            <Caption1>{t("records.browse.count", { count: page.data.items.length })}</Caption1>
            <Pager pageNumber={pageNumber} nextCursor={page.data.nextCursor} onNext={next} onPrevious={previous} />
          </>
        )}
      </section>
    </div>
  );
}
