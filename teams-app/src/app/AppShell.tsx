import { makeStyles, Spinner, tokens } from "@fluentui/react-components";
import { Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation } from "react-router-dom";
import { Header } from "./Header.js";
import { Navigation } from "./Navigation.js";

const useStyles = makeStyles({
  skip: {
    position: "absolute",
    left: tokens.spacingHorizontalS,
    top: "-100px",
    zIndex: 1000,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    ":focus": { top: tokens.spacingVerticalS, outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  main: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    maxWidth: "1100px",
    ":focus": { outline: "none" },
  },
});

export function AppShell() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After client-side navigation, move focus to the new page so screen readers announce it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger, not an input
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  return (
    <>
      <a href="#main" className={styles.skip}>
        {t("skipLink")}
      </a>
      <Header />
      <Navigation />
      <main id="main" ref={main} tabIndex={-1} className={styles.main}>
        <Suspense fallback={<Spinner label={t("app.loading")} />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
