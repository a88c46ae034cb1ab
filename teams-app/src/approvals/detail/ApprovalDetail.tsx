import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import type { ApprovalDetailView } from "@komu/shared";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { RouterLink } from "../../app/RouterLink.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useApprovals } from "../common/ApprovalsContext.js";
import { StatusBadge } from "../common/StatusBadge.js";
import { pendingReview } from "../model/route-view.js";
import { ActionBar } from "./ActionBar.js";
import { DecisionDialog, type DialogAction } from "./DecisionDialog.js";
import { DocumentPane } from "./DocumentPane.js";
import { HistoryList } from "./HistoryList.js";
import { RouteView } from "./RouteView.js";

const EditDraft = lazy(() => import("../draft/EditDraft.js"));

const useStyles = makeStyles({
  page: { display: "grid", gap: tokens.spacingVerticalL },
  head: { display: "grid", gap: tokens.spacingVerticalXS },
  titleRow: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", flexWrap: "wrap" },
  facts: { display: "flex", gap: tokens.spacingHorizontalL, flexWrap: "wrap", color: tokens.colorNeutralForeground2 },
  columns: {
    display: "grid",
    gap: tokens.spacingHorizontalXL,
    gridTemplateColumns: "minmax(0, 3fr) minmax(280px, 2fr)",
    "@media (max-width: 900px)": { gridTemplateColumns: "minmax(0, 1fr)" },
    alignItems: "start",
  },
  side: { display: "grid", gap: tokens.spacingVerticalL },
  summary: { whiteSpace: "pre-wrap" },
  title: { ...typographyStyles.subtitle1, margin: 0 },
});

/** An approval: the document, the route with each person's status, the history, and the viewer's actions. */
export default function ApprovalDetail({ approvalId }: { approvalId: string }) {
  const { t } = useTranslation();
  const { api, openApproval } = useApprovals();
  const [loaded, reload] = useLoad(() => api.get(approvalId), [api, approvalId]);
  const [current, setCurrent] = useState<ApprovalDetailView | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (loaded.status === "ok") setCurrent(loaded.data);
  }, [loaded]);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  const back = (
    <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
      <Button appearance="subtle" onClick={() => openApproval(null)} data-testid="approval-back">
        {t("approvals.detail.back")}
      </Button>
      <Button appearance="subtle" onClick={reload} data-testid="approval-reload">
        {t("approvals.list.reload")}
      </Button>
    </div>
  );
  if (loaded.status === "error") {
    return (
      <>
        {back}
        <ErrorPanel error={loaded.error} onRetry={reload} />
      </>
    );
  }
  if (!current) return <Spinner label={t("app.loading")} />;
  return (
    <Loaded detail={current} back={back} heading={heading} onChanged={(next) => (next ? setCurrent(next) : reload())} />
  );
}

function Loaded(props: {
  detail: ApprovalDetailView;
  back: React.ReactNode;
  heading: React.RefObject<HTMLHeadingElement | null>;
  onChanged: (next: ApprovalDetailView | null) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { schoolId, principal } = useApprovals();
  const [action, setAction] = useState<DialogAction | null>(null);
  const [editing, setEditing] = useState(false);
  const { approval } = props.detail;
  const decided = approval.status === "approved";
  // After 決裁 the sealed PDF is the record filed in 学校文書; until it is filed, the original.
  const recordId = decided && approval.filing.status === "filed" ? approval.filing.recordId : null;
  const sealed = recordId !== null;
  const contentUrl = recordId
    ? `/api/schools/${encodeURIComponent(schoolId)}/records/${encodeURIComponent(recordId)}/content`
    : props.detail.contentUrl;
  const reviewStage = pendingReview(approval.route, principal.oid);
  useFilingWatch(decided && approval.filing.status === "pending", props.onChanged);
  return (
    <article
      className={styles.page}
      aria-labelledby="approval-title"
      data-testid="approval-detail"
      data-status={approval.status}
    >
      <div>{props.back}</div>
      <header className={styles.head}>
        <div className={styles.titleRow}>
          <h2 id="approval-title" ref={props.heading} tabIndex={-1} className={styles.title}>
            {approval.title}
          </h2>
          <StatusBadge status={approval.status} />
        </div>
        <div className={styles.facts}>
          <Caption1>{t("approvals.detail.drafter", { name: approval.drafter.name })}</Caption1>
          {approval.submittedAt && (
            <Caption1>{t("approvals.detail.submittedAt", { at: formatInstant(approval.submittedAt, lang) })}</Caption1>
          )}
          {approval.dueDate && (
            <Caption1>
              {t("approvals.detail.due", { date: formatInstant(`${approval.dueDate}T00:00:00+09:00`, lang, "date") })}
            </Caption1>
          )}
          <Caption1>{t("approvals.detail.template", { name: approval.templateName })}</Caption1>
          <Caption1>
            {t("approvals.detail.category", { code: approval.categoryCode, classification: approval.classification })}
          </Caption1>
        </div>
        {approval.summary && <Body1 className={styles.summary}>{approval.summary}</Body1>}
      </header>
      {decided && (
        <MessageBar intent="success" layout="multiline" data-testid="approval-decided">
          <MessageBarBody>
            <MessageBarTitle>
              {t("approvals.detail.decided")}
              {approval.filing.number && (
                <>
                  {"　"}
                  {t("approvals.detail.number")} <span data-testid="approval-number">{approval.filing.number}</span>
                </>
              )}
            </MessageBarTitle>
            {approval.completedAt && formatInstant(approval.completedAt, lang)}{" "}
            {approval.filing.status === "filed" && approval.filing.recordId ? (
              <RouterLink
                to={`/documents?school=${encodeURIComponent(schoolId)}&record=${encodeURIComponent(approval.filing.recordId)}`}
              >
                {t("approvals.detail.openRecord")}
              </RouterLink>
            ) : (
              t(`approvals.detail.filing.${approval.filing.status}`)
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {editing ? (
        <Suspense fallback={<Spinner label={t("app.loading")} />}>
          <EditDraft
            detail={props.detail}
            onDone={() => {
              setEditing(false);
              props.onChanged(null);
            }}
            onCancel={() => setEditing(false)}
          />
        </Suspense>
      ) : (
        <ActionBar
          detail={props.detail}
          onAction={setAction}
          onEdit={props.detail.abilities.edit ? () => setEditing(true) : undefined}
          reviewDue={reviewStage !== null}
        />
      )}
      <div className={styles.columns}>
        <DocumentPane
          contentUrl={contentUrl}
          version={approval.main?.sha256 ?? ""}
          title={approval.title}
          fileName={
            sealed
              ? `${approval.filing.number ?? approval.title}.pdf`
              : (approval.main?.fileName ?? `${approval.title}.pdf`)
          }
          sealed={sealed}
        />
        <div className={styles.side}>
          <RouteView approval={approval} />
          <HistoryList approval={approval} />
        </div>
      </div>
      <DecisionDialog
        detail={props.detail}
        action={action}
        reviewStage={reviewStage}
        onClose={() => setAction(null)}
        onDone={props.onChanged}
      />
    </article>
  );
}

/** While 決裁 is still sealing and filing (an outbox effect), ask again every few seconds (at most ~2 minutes). */
function useFilingWatch(pending: boolean, reload: (next: null) => void) {
  const polls = useRef(0);
  useEffect(() => {
    if (!pending || polls.current >= 40) return;
    const timer = setTimeout(() => {
      polls.current += 1;
      reload(null);
    }, 3_000);
    return () => clearTimeout(timer);
  }, [pending, reload]);
}
