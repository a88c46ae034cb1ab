import { makeStyles, tokens } from "@fluentui/react-components";
import { percent } from "../model/status.js";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, minWidth: "140px" },
  track: {
    flexGrow: 1,
    height: "10px",
    minWidth: "60px",
    backgroundColor: tokens.colorNeutralBackground4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    overflow: "hidden",
  },
  fill: { height: "100%", backgroundColor: tokens.colorBrandBackground },
  text: { whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
});

/**
 * A horizontal bar with its value in text beside it (「21/25 (84%)」): the bar is decoration for
 * sighted users, the text is what everyone (and screen readers) read.
 */
export function RateBar({ part, whole, label }: { part: number; whole: number; label?: string }) {
  const styles = useStyles();
  const p = percent(part, whole);
  return (
    <div className={styles.row}>
      <div className={styles.track} aria-hidden="true">
        <div className={styles.fill} style={{ width: `${p}%` }} />
      </div>
      <span className={styles.text}>
        {label ? `${label} ` : ""}
        {part}/{whole} ({p}%)
      </span>
    </div>
  );
}
