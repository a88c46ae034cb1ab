import { Badge, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { ROLE_LABELS, t as sharedT } from "@komu/shared";
import { useTranslation } from "react-i18next";
import type { Me } from "../../api/resources.js";
import { useLang } from "../../app/useLang.js";

const useStyles = makeStyles({
  list: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  detail: { margin: 0, display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
});

/** 区分・所属・役割 with Japanese (or English) labels from the shared catalogue. */
export function ProfileSummary({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const roleLabel = (role: keyof typeof ROLE_LABELS) => ROLE_LABELS[role][lang];
  return (
    <section aria-labelledby="profile-heading">
      <Subtitle2 as="h2" id="profile-heading">
        {t("home.profileHeading")}
      </Subtitle2>
      <dl className={styles.list}>
        <dt className={styles.term}>{t("home.kind")}</dt>
        <dd className={styles.detail}>{sharedT(`kind.${me.kind}`, lang)}</dd>
        <dt className={styles.term}>{t("home.schools")}</dt>
        <dd className={styles.detail}>
          {me.schools.length === 0
            ? t("home.noSchools")
            : me.schools.map((school) => (
                <span key={school.id} data-testid="home-school">
                  {school.name}
                  {school.roles.length > 0 && `（${school.roles.map(roleLabel).join("・")}）`}
                </span>
              ))}
        </dd>
        <dt className={styles.term}>{t("home.roles")}</dt>
        <dd className={styles.detail}>
          {me.roles.length === 0
            ? t("home.noRoles")
            : me.roles.map((r) => (
                <Badge key={r} appearance="tint" data-testid="home-role">
                  {roleLabel(r)}
                </Badge>
              ))}
        </dd>
      </dl>
    </section>
  );
}
