import { makeStyles, ToggleButton, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { saveLanguage } from "../i18n/index.js";
import { LANGS } from "../i18n/language.js";
import { useLang } from "./useLang.js";

const useStyles = makeStyles({
  group: { display: "flex", gap: tokens.spacingHorizontalXS, border: "none", margin: 0, padding: 0, minInlineSize: 0 },
});

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  return (
    <fieldset aria-label={t("language.label")} className={styles.group}>
      {LANGS.map((l) => (
        <ToggleButton
          key={l}
          size="small"
          appearance="subtle"
          checked={lang === l}
          lang={l}
          onClick={() => {
            saveLanguage(window.localStorage, l);
            void i18n.changeLanguage(l);
          }}
        >
          {t(`language.${l}`)}
        </ToggleButton>
      ))}
    </fieldset>
  );
}
