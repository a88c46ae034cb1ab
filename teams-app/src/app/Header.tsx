import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./LanguageSwitch.js";
import { useSession } from "./session.js";

const useStyles = makeStyles({
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  spacer: { flexGrow: 1 },
  user: { color: tokens.colorNeutralForeground2 },
});

export function Header() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { me, host, auth } = useSession();
  return (
    <header className={styles.header}>
      <p className={styles.title}>{t("app.title")}</p>
      <span className={styles.spacer} />
      {me.status === "ok" && (
        <Text
          className={styles.user}
          aria-label={`${t("app.userLabel")}: ${me.data.name}`}
          data-testid="header-user-name"
        >
          {me.data.name}
        </Text>
      )}
      <LanguageSwitch />
      {!host.inTeams && (
        <Button
          size="small"
          appearance="subtle"
          onClick={() => void auth.signOut().then(() => window.location.assign("/"))}
        >
          {t("app.signOut")}
        </Button>
      )}
    </header>
  );
}
