import { Body1, Spinner } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiClient } from "../../api/client.js";
import { ConfirmDialog } from "../../app/ConfirmDialog.js";
import { useLoad } from "../../app/useLoad.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { recordsApi } from "../api/records-api.js";
import { CategoryPicker } from "./CategoryPicker.js";

/**
 * A confirmation that files something into the records library: the school's file plan loaded,
 * a category (文書分類) required before `onConfirm` runs with it (議事録 提出, 会議の記録化, アンケート結果の保存…).
 */
export function CategoryConfirmDialog(props: {
  api: ApiClient;
  schoolId: string;
  title: string;
  confirmLabel: string;
  body: string;
  /** Shown when confirmed with no category chosen. */
  chooseCategory: string;
  testId: string;
  onClose: () => void;
  /** Runs with the chosen category's code; resolving to false keeps the dialog open. */
  onConfirm: (categoryCode: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const records = useMemo(() => recordsApi(props.api, props.schoolId), [props.api, props.schoolId]);
  const [plan, reload] = useLoad(() => records.filePlan(), [records]);
  const [category, setCategory] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <ConfirmDialog
      open
      title={props.title}
      confirmLabel={props.confirmLabel}
      testId={props.testId}
      onClose={props.onClose}
      onConfirm={async () => {
        if (!category) {
          setProblem(props.chooseCategory);
          return false;
        }
        return props.onConfirm(category);
      }}
    >
      <Body1 as="p">{props.body}</Body1>
      {plan.status === "loading" && <Spinner size="tiny" label={t("app.loading")} />}
      {plan.status === "error" && <ErrorPanel error={plan.error} onRetry={reload} />}
      {plan.status === "ok" && (
        <CategoryPicker
          plan={plan.data.plan}
          value={category}
          onChange={(code) => {
            setCategory(code);
            setProblem(null);
          }}
          {...(problem ? { validationMessage: problem } : {})}
        />
      )}
    </ConfirmDialog>
  );
}
