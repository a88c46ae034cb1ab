import { Spinner } from "@fluentui/react-components";
import type { ApprovalDetailView } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { useLoad } from "../../app/useLoad.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useApprovals } from "../common/ApprovalsContext.js";
import { DraftFormView } from "./DraftView.js";

/** 修正: the drafting form filled with an approval that is 起案中, 差し戻し or 引戻し (PATCH with its ETag, then optionally resubmit). */
export default function EditDraft(props: { detail: ApprovalDetailView; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { api, plan, reloadPlan } = useApprovals();
  const [templates, reloadTemplates] = useLoad(() => api.templates(), [api]);
  if (plan.status === "loading" || templates.status === "loading") return <Spinner label={t("app.loading")} />;
  if (plan.status === "error") return <ErrorPanel error={plan.error} onRetry={reloadPlan} />;
  if (templates.status === "error") return <ErrorPanel error={templates.error} onRetry={reloadTemplates} />;
  return (
    <DraftFormView
      plan={plan.data.plan}
      templates={templates.data.items}
      existing={props.detail}
      onCreated={props.onDone}
      onCancel={props.onCancel}
    />
  );
}
