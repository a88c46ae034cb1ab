/**
 * What every module page (学校文書, 承認, アンケート, 会議) starts with: the page title, /api/me loading
 * or failing, the schools the module offers the caller (none: an explanation, not an empty page),
 * and switching school in `?school=` (clearing the previous school's selection).
 */
import { MessageBar, MessageBarBody, makeStyles, Spinner, Title1, tokens } from "@fluentui/react-components";
import { type ReactNode, useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import type { Me } from "../api/resources.js";
import { ErrorPanel } from "../pages/ErrorPanel.js";
import { usePageTitle } from "../pages/usePageTitle.js";
import { useSession } from "./session.js";

export interface SchoolChoice {
  id: string;
  name: string;
}

const useStyles = makeStyles({
  page: { display: "grid", gap: tokens.spacingVerticalL },
});

/** Sets the page title and renders `children(me)` once /api/me has answered. */
export function ModulePage(props: { titleKey: string; children: (me: Me) => ReactNode }) {
  const { t } = useTranslation();
  const { me, reloadMe } = useSession();
  usePageTitle(t(props.titleKey));
  if (me.status === "loading") return <Spinner label={t("app.loading")} />;
  if (me.status === "error") return <ErrorPanel error={me.error} onRetry={reloadMe} />;
  return <>{props.children(me.data)}</>;
}

/** The caller's schools (as /api/me names them) among those the module allows. */
export function schoolChoices(me: Me, allowed: readonly string[]): SchoolChoice[] {
  return me.schools.filter((s) => allowed.includes(s.id)).map((s) => ({ id: s.id, name: s.name }));
}

/** The page for someone the module offers no school: its title and why. */
export function NoSchoolAccess(props: { titleKey: string; messageKey: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <Title1 as="h1" id="page-title">
        {t(props.titleKey)}
      </Title1>
      <MessageBar layout="multiline" intent="info">
        <MessageBarBody>{t(props.messageKey)}</MessageBarBody>
      </MessageBar>
    </section>
  );
}

/** Switches `?school=` and drops the parameters that named something of the previous school. */
export function useSchoolSwitch(clear: readonly string[]): (schoolId: string) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (schoolId: string) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set("school", schoolId);
        for (const name of clear) next.delete(name);
        return next;
      }),
    [setParams, clear],
  );
}
