import { Caption1, makeStyles, Subtitle2, Text, tokens } from "@fluentui/react-components";
import type { Approval } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { formatInstant } from "../../format/dates.js";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalS },
  item: { display: "grid", gap: tokens.spacingVerticalXXS },
  comment: { whiteSpace: "pre-wrap", color: tokens.colorNeutralForeground2 },
});

/** The approval's history, newest first: who did what, when (JST), with comments. */
export function HistoryList({ approval }: { approval: Approval }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const stageLabel = (id: string | null) => approval.route.find((s) => s.id === id)?.label ?? null;
  const entries = [...approval.history].reverse();
  return (
    <section aria-labelledby="approval-history">
      <Subtitle2 as="h2" id="approval-history">
        {t("approvals.detail.history")}
      </Subtitle2>
      <ol className={styles.list} data-testid="approval-history">
        {entries.map((h) => {
          const stage = stageLabel(h.stageId);
          const target = h.returnedTo
            ? h.returnedTo === "drafter"
              ? t("approvals.decide.toDrafter")
              : (stageLabel(h.returnedTo) ?? h.returnedTo)
            : null;
          return (
            <li
              key={`${h.round}-${h.at}-${h.action}-${h.actor.oid}-${h.stageId ?? ""}`}
              className={styles.item}
              data-history-action={h.action}
            >
              <Text>
                {t(`approvals.history.${h.action}`, { name: h.actor.name })}
                {stage && ` (${stage})`}
                {target && ` → ${target}`}
                {h.onBehalfOf &&
                  h.onBehalfOf.length > 0 &&
                  ` ${t("approvals.detail.onBehalfOf", { names: h.onBehalfOf.map((p) => p.name).join("、") })}`}
              </Text>
              <Caption1>
                {formatInstant(h.at, lang)}
                {h.round > 0 && ` · ${t("approvals.detail.round", { round: h.round })}`}
              </Caption1>
              {h.comment && <Caption1 className={styles.comment}>「{h.comment}」</Caption1>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
