import { makeStyles, typographyStyles } from "@fluentui/react-components";
import { type ReactNode, useEffect, useRef } from "react";

const useStyles = makeStyles({
  heading: { ...typographyStyles.subtitle1, margin: 0, ":focus": { outline: "none" } },
});

/** A view's heading, focused when the view appears (keyboard and screen reader users land on it). */
export function ViewHeading({ children, id, focus = true }: { children: ReactNode; id?: string; focus?: boolean }) {
  const styles = useStyles();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className={styles.heading}>
      {children}
    </h2>
  );
}
