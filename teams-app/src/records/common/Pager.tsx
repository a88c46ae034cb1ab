import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

const useStyles = makeStyles({
  pager: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
});

/** 前へ / 次へ for cursor paging. */
export function Pager(props: {
  pageNumber: number;
  nextCursor: string | null;
  onNext: (c: string) => void;
  onPrevious: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (props.pageNumber === 1 && !props.nextCursor) return null;
  return (
    <nav className={styles.pager} aria-label={t("records.pager.label")}>
      <Button disabled={props.pageNumber === 1} onClick={props.onPrevious}>
        {t("records.pager.previous")}
      </Button>
      <Text aria-live="polite">{t("records.pager.page", { page: props.pageNumber })}</Text>
      <Button disabled={!props.nextCursor} onClick={() => props.nextCursor && props.onNext(props.nextCursor)}>
        {t("records.pager.next")}
      </Button>
    </nav>
  );
}
