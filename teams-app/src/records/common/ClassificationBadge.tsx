import { Badge } from "@fluentui/react-components";
import type { Classification } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { classificationColor } from "../model/classification.js";

/** 重要性分類 I–IV as a badge; the full meaning is in its accessible name and tooltip text. */
export function ClassificationBadge({ value }: { value: Classification }) {
  const { t } = useTranslation();
  return (
    <Badge
      appearance={value === "I" || value === "II" ? "filled" : "tint"}
      color={classificationColor(value)}
      title={t(`records.classificationHelp.${value}`)}
      aria-label={t("records.classificationName", { value })}
    >
      {value}
    </Badge>
  );
}
