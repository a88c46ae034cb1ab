import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { ApprovalDetailView } from "@komu/shared";
import { useTranslation } from "react-i18next";
import type { DialogAction } from "./DecisionDialog.js";

const useStyles = makeStyles({
  bar: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** Only the actions the server says the viewer may take now (abilities), each confirmed in a dialog. */
export function ActionBar(props: {
  detail: ApprovalDetailView;
  onAction: (a: DialogAction) => void;
  /** The viewer owes a 後閲 on this approval (a deputy decided for them). */
  reviewDue: boolean;
  /** Open the drafting form on this approval (when the server allows editing). */
  onEdit?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { abilities, approval } = props.detail;
  const buttons: { action: DialogAction; primary?: boolean }[] = [];
  if (abilities.decide && abilities.stepToken) {
    buttons.push({ action: "approve", primary: true }, { action: "return" }, { action: "reject" });
  }
  if (abilities.delegate && abilities.stepToken) buttons.push({ action: "delegate", primary: !abilities.decide });
  if (abilities.submit) buttons.push({ action: "submit", primary: true });
  if (abilities.withdraw) buttons.push({ action: "withdraw" });
  if (props.reviewDue) buttons.push({ action: "review", primary: buttons.length === 0 });
  if (buttons.length === 0 && !props.onEdit) return null;
  return (
    <div className={styles.bar}>
      {buttons.map((b) => (
        <Button
          key={b.action}
          appearance={b.primary ? "primary" : "secondary"}
          onClick={() => props.onAction(b.action)}
          data-testid={`action-${b.action}`}
        >
          {b.action === "submit" && approval.round > 0
            ? t("approvals.decide.resubmit")
            : t(`approvals.decide.button.${b.action}`)}
        </Button>
      ))}
      {props.onEdit && (
        <Button onClick={props.onEdit} data-testid="action-edit">
          {t("approvals.detail.edit")}
        </Button>
      )}
    </div>
  );
}
