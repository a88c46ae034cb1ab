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

/** The approvals page's polite live region (decisions made, uploads, page changes in the viewer). */
export function useLiveRegion(): { region: ReactElement; announce: (text: string) => void } {
  const styles = useStyles();
  const [text, setText] = useState("");
  const flip = useRef(false);
  const announce = useCallback((next: string) => {
    flip.current = !flip.current;
    setText(flip.current ? next : `${next}\u00a0`); // the same message twice is still announced
  }, []);
  const region = (
    <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden} data-testid="approvals-live">
      {text}
    </div>
  );
  return { region, announce };
}
