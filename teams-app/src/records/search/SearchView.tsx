import { Badge, Caption1, makeStyles, Spinner, tokens, typographyStyles } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import type { RecordFilters } from "../api/records-api.js";
import { Pager } from "../common/Pager.js";
import { useRecords } from "../common/RecordsContext.js";
import { RecordsTable } from "../common/RecordsTable.js";
import { usePagedRecords } from "../common/usePagedRecords.js";
import { type SearchCriteria, SearchForm, toFilters } from "./SearchForm.js";

const useStyles = makeStyles({
  view: { display: "grid", gap: tokens.spacingVerticalL },
  results: { display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
  head: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", flexWrap: "wrap" },
  heading: {
    ...typographyStyles.subtitle2,
    margin: 0,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

/** 検索: words (title, file name, note, author; full text where the tenant has it) and filters. */
export function SearchView() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { plan, announce } = useRecords();
  const [filters, setFilters] = useState<RecordFilters | null>(null);
  const [runs, setRuns] = useState(0);
  const { page, reload, pageNumber, next, previous } = usePagedRecords(filters);
  const heading = useRef<HTMLHeadingElement>(null);

  const onSearch = (c: SearchCriteria) => {
    setFilters(toFilters(c));
    setRuns((n) => n + 1);
    if (filters && JSON.stringify(filters) === JSON.stringify(toFilters(c))) reload();
  };

  // After a search, take keyboard and screen-reader users to the results.
  useEffect(() => {
    if (page.status !== "ok" || !page.data || runs === 0) return;
    announce(t("records.search.found", { count: page.data.items.length }));
    heading.current?.focus();
  }, [page, runs, announce, t]);

  return (
    <div className={styles.view}>
      <SearchForm plan={plan.status === "ok" ? plan.data.plan : null} onSearch={onSearch} />
      {filters !== null && (
        <section className={styles.results} aria-labelledby="search-results-heading">
          <div className={styles.head}>
            <h2 id="search-results-heading" ref={heading} tabIndex={-1} className={styles.heading}>
              {t("records.search.results")}
            </h2>
            {page.status === "ok" && page.data && (
              <Badge
                appearance="tint"
                color={page.data.searched === "fulltext" ? "brand" : "informative"}
                data-testid="search-mode"
                data-searched={page.data.searched}
              >
                {t(`records.search.mode.${page.data.searched}`)}
              </Badge>
            )}
          </div>
          {page.status === "loading" && <Spinner label={t("records.search.searching")} />}
          {page.status === "error" && <ErrorPanel error={page.error} onRetry={reload} />}
          {page.status === "ok" && page.data && (
            <>
              <Caption1>{t("records.search.found", { count: page.data.items.length })}</Caption1>
              <RecordsTable items={page.data.items} caption={t("records.search.results")} />
              <Pager pageNumber={pageNumber} nextCursor={page.data.nextCursor} onNext={next} onPrevious={previous} />
            </>
          )}
        </section>
      )}
    </div>
  );
}
