import { Badge } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { DisplayStatus } from "../model/status.js";

const COLOR: Record<DisplayStatus, "informative" | "brand" | "warning" | "subtle"> = {
  draft: "informative",
  open: "brand",
  pastDeadline: "warning",
  closed: "subtle",
};

/** 下書き / 回答受付中 / 締切済み / 終了, in words (not colour only). */
export function StatusBadge({ status }: { status: DisplayStatus }) {
  const { t } = useTranslation();
  return (
    <Badge appearance="tint" color={COLOR[status]} data-testid="survey-status" data-status={status}>
      {t(`surveys.status.${status}`)}
    </Badge>
  );
}
