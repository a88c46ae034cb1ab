import { Badge } from "@fluentui/react-components";
import type { ApprovalStatus } from "@komu/shared";
import { useTranslation } from "react-i18next";

const COLOR: Record<ApprovalStatus, "informative" | "brand" | "warning" | "danger" | "success" | "subtle"> = {
  draft: "informative",
  inRoute: "brand",
  returned: "warning",
  withdrawn: "subtle",
  rejected: "danger",
  approved: "success",
  expired: "subtle",
};

/** The approval's status (起案中, 回付中, 差し戻し, 引戻し, 却下, 決裁済, 期限切れ) as a badge with its words. */
export function StatusBadge({ status }: { status: ApprovalStatus }) {
  const { t } = useTranslation();
  return (
    <Badge appearance="tint" color={COLOR[status]} data-testid="approval-status" data-status={status}>
      {t(`approvals.status.${status}`)}
    </Badge>
  );
}
