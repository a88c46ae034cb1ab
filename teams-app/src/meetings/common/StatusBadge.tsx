import { Badge } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { DisplayStatus } from "../model/list.js";

const COLOR: Record<DisplayStatus, "informative" | "brand" | "danger" | "subtle"> = {
  draft: "informative",
  distributed: "brand",
  cancelled: "danger",
  held: "subtle",
};

/** 下書き / 配信済み / 中止 / 開催済み, in words (not colour only). */
export function StatusBadge({ status }: { status: DisplayStatus }) {
  const { t } = useTranslation();
  return (
    <Badge appearance="tint" color={COLOR[status]} data-testid="meeting-status" data-status={status}>
      {t(`meetings.status.${status}`)}
    </Badge>
  );
}
