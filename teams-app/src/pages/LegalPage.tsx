import { Body1, makeStyles, Title1, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../app/LanguageSwitch.js";
import { usePageTitle } from "./usePageTitle.js";

const useStyles = makeStyles({
  page: { maxWidth: "720px", padding: tokens.spacingHorizontalXL, display: "grid", gap: tokens.spacingVerticalM },
});

/** /privacy and /terms — public pages the manifest's developer section links to. */
export default function LegalPage({ kind }: { kind: "privacy" | "terms" }) {
  const { t } = useTranslation();
  const styles = useStyles();
  usePageTitle(t(`legal.${kind}Title`));
  return (
    <main id="main" className={styles.page}>
      <LanguageSwitch />
      <Title1 as="h1">{t(`legal.${kind}Title`)}</Title1>
      <Body1 as="p">{t(`legal.${kind}Body`)}</Body1>
    </main>
  );
}
