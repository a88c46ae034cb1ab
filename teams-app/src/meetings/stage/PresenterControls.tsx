import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { controlsFor } from "../presenter/model.js";
import type { PresenterMode } from "../presenter/types.js";

const useStyles = makeStyles({
  controls: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    border: "none",
    margin: 0,
    padding: 0,
  },
});

export function PresenterControls(props: {
  mode: PresenterMode;
  onPresent: () => void;
  onStop: () => void;
  onFollow: () => void;
  onStepAway: () => void;
  onRejoin: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const handlers = {
    present: props.onPresent,
    stop: props.onStop,
    follow: props.onFollow,
    stepAway: props.onStepAway,
    rejoin: props.onRejoin,
  };
  return (
    <fieldset className={styles.controls} aria-label={t("presenter.controls")}>
      {controlsFor(props.mode).map((c, i) => (
        <Button
          key={c}
          appearance={i === 0 ? "primary" : "secondary"}
          onClick={handlers[c]}
          data-testid={`presenter-${c}`}
        >
          {t(`presenter.actions.${c}`)}
        </Button>
      ))}
    </fieldset>
  );
}
