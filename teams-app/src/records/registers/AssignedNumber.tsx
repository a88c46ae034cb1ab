import { Body1, Button, Card, LargeTitle, makeStyles, tokens } from "@fluentui/react-components";
import type { RegisterEntryView } from "@komu/shared";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useRecords } from "../common/RecordsContext.js";

const useStyles = makeStyles({
  card: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalXL,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteGreenBorder2}`,
    backgroundColor: tokens.colorPaletteGreenBackground1,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  number: { letterSpacing: "0.04em" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** The number just assigned, large, focused and announced (the clerk writes it on the paper original). */
export function AssignedNumber({ entry, onNext }: { entry: RegisterEntryView; onNext: () => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { openRecord } = useRecords();
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    card.current?.focus();
  }, []);
  return (
    <Card
      ref={card}
      tabIndex={-1}
      className={styles.card}
      role="group"
      aria-labelledby="assigned-number-label assigned-number"
      data-testid="assigned-number-card"
    >
      <Body1 id="assigned-number-label">{t(`records.registers.assigned.${entry.register}`)}</Body1>
      <LargeTitle as="p" id="assigned-number" className={styles.number} data-testid="assigned-number">
        {entry.number}
      </LargeTitle>
      <Body1>{entry.title}</Body1>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={onNext}>
          {t("records.registers.registerAnother")}
        </Button>
        {entry.recordId && (
          <Button onClick={() => entry.recordId && openRecord(entry.recordId)}>
            {t("records.registers.openRecord")}
          </Button>
        )}
      </div>
    </Card>
  );
}
