import { makeStyles } from "@fluentui/react-components";
import { type ReactElement, useCallback, useRef, useState } from "react";

const useStyles = makeStyles({
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
});

/**
 * A polite live region and the function that speaks into it (the same text twice is still
 * announced). One per module page; `testId` names it for the browser tests.
 */
export function useLiveRegion(testId: string): { region: ReactElement; announce: (text: string) => void } {
  const styles = useStyles();
  const [text, setText] = useState("");
  const flip = useRef(false);
  const announce = useCallback((next: string) => {
    flip.current = !flip.current;
    // A trailing non-breaking space toggles so that repeating a message changes the region's text.
    setText(flip.current ? next : `${next}\u00a0`);
  }, []);
  const region = (
    <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden} data-testid={testId}>
      {text}
    </div>
  );
  return { region, announce };
}
