import { Badge, Caption1, makeStyles, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { type Approval, type ResolvedStage, ROLE_LABELS } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { formatInstant } from "../../format/dates.js";
import { type PersonState, personState, personTime, stageProgress } from "../model/route-view.js";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalM },
  stage: {
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: tokens.spacingHorizontalM,
  },
  active: { borderLeftColor: tokens.colorBrandStroke1 },
  passed: { borderLeftColor: tokens.colorPaletteGreenBorder2 },
  head: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "baseline", flexWrap: "wrap" },
  people: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalXS },
  person: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "baseline", flexWrap: "wrap" },
  comment: { color: tokens.colorNeutralForeground2, whiteSpace: "pre-wrap" },
});

const PERSON_COLOR: Record<PersonState, "informative" | "brand" | "warning" | "danger" | "success" | "subtle"> = {
  waiting: "subtle",
  notYetNotified: "informative",
  notified: "informative",
  viewed: "brand",
  approved: "success",
  delegated: "success",
  returned: "warning",
  rejected: "danger",
  closed: "subtle",
  circulated: "informative",
  circulatedViewed: "success",
};

/** The route: each stage (承認・合議・回覧・決裁) and each person's status with its time in JST. */
export function RouteView({ approval }: { approval: Approval }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <section aria-labelledby="approval-route">
      <Subtitle2 as="h2" id="approval-route">
        {t("approvals.detail.route")}
      </Subtitle2>
      {approval.route.length === 0 ? (
        <Caption1 block>{t("approvals.detail.routeNotResolved", { template: approval.templateName })}</Caption1>
      ) : (
        <ol className={styles.list} data-testid="approval-route">
          {approval.route.map((stage) => (
            <StageItem key={stage.id} stage={stage} />
          ))}
        </ol>
      )}
    </section>
  );
}

function StageItem({ stage }: { stage: ResolvedStage }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const progress = stageProgress(stage);
  const cls = [styles.stage, stage.status === "active" && styles.active, stage.status === "passed" && styles.passed]
    .filter(Boolean)
    .join(" ");
  return (
    <li className={cls} data-testid="route-stage" data-stage-id={stage.id} data-stage-status={stage.status}>
      <div className={styles.head}>
        <Text weight="semibold">{stage.label}</Text>
        <Caption1>
          {t(`approvals.stageKind.${stage.kind}`)}
          {stage.kind === "consultation" &&
            ` · ${t(`approvals.rule.${stage.rule.kind}`, { n: stage.rule.kind === "nOfM" ? stage.rule.n : 0 })}`}
        </Caption1>
        <Badge appearance="outline" size="small">
          {t(`approvals.stageStatus.${stage.status}`)}
        </Badge>
        {progress && (
          <Caption1>
            {t("approvals.detail.progress", { approved: progress.approved, needed: progress.needed, of: progress.of })}
          </Caption1>
        )}
      </div>
      <ul className={styles.people}>
        {stage.assignees.map((a) => {
          const state = personState(a);
          const time = personTime(a);
          return (
            <li key={a.oid} className={styles.person} data-testid="route-person" data-person-state={state}>
              <Text>{a.name}</Text>
              <Caption1>{ROLE_LABELS[a.role][lang]}</Caption1>
              <Badge appearance="tint" size="small" color={PERSON_COLOR[state]}>
                {t(`approvals.person.${state}`)}
              </Badge>
              {time && <Caption1>{formatInstant(time, lang)}</Caption1>}
              {a.deputy && <Caption1>{t("approvals.detail.deputyDecided", { name: a.deputy.name })}</Caption1>}
              {a.deputy && (
                <Caption1>
                  {a.reviewedAt
                    ? t("approvals.detail.reviewedAt", { at: formatInstant(a.reviewedAt, lang) })
                    : t("approvals.detail.reviewPending")}
                </Caption1>
              )}
              {a.comment && (
                <Caption1 block className={styles.comment}>
                  「{a.comment}」
                </Caption1>
              )}
            </li>
          );
        })}
      </ul>
    </li>
  );
}
