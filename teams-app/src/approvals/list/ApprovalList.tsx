import {
  Button,
  Caption1,
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import type { ApprovalBox, ApprovalSummaryView } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useApprovals } from "../common/ApprovalsContext.js";
import { StatusBadge } from "../common/StatusBadge.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalM, overflowX: "auto" },
  mine: { backgroundColor: tokens.colorBrandBackground2 },
  waiting: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", justifyContent: "end" },
});

/** One of the lists: 承認待ち, 起案中, 完了, or (principal) everything waiting in the school. */
export function ApprovalList({ box }: { box: ApprovalBox }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, openApproval } = useApprovals();
  const [list, reload] = useLoad(() => api.list(box), [api, box]);

  if (list.status === "loading") return <Spinner label={t("app.loading")} />;
  if (list.status === "error") return <ErrorPanel error={list.error} onRetry={reload} />;
  const items = list.data.items;
  return (
    <div className={styles.wrap}>
      <div className={styles.actions}>
        <Button size="small" onClick={reload}>
          {t("approvals.list.reload")}
        </Button>
      </div>
      {items.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t(`approvals.list.empty.${box}`)}</MessageBarBody>
        </MessageBar>
      ) : (
        <Table aria-label={t(`approvals.views.${box}`)} data-testid={`approval-list-${box}`} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("approvals.list.title")}</TableHeaderCell>
              <TableHeaderCell>{t("approvals.list.drafter")}</TableHeaderCell>
              <TableHeaderCell>{t("approvals.list.status")}</TableHeaderCell>
              <TableHeaderCell>
                {box === "done" ? t("approvals.list.number") : t("approvals.list.stage")}
              </TableHeaderCell>
              <TableHeaderCell>{t("approvals.list.due")}</TableHeaderCell>
              <TableHeaderCell>{t("approvals.list.updated")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((a) => (
              <Row
                key={a.id}
                item={a}
                box={box}
                lang={lang}
                onOpen={() => openApproval(a.id)}
                className={a.myTurn ? styles.mine : undefined}
                waitingClass={styles.waiting}
              />
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}

function Row(props: {
  item: ApprovalSummaryView;
  box: ApprovalBox;
  lang: "ja" | "en";
  onOpen: () => void;
  className: string | undefined;
  waitingClass: string;
}) {
  const { t } = useTranslation();
  const { item: a, lang } = props;
  const waiting = a.waitingOn.map((p) => p.name).join("、");
  return (
    <TableRow className={props.className} data-testid="approval-row" data-approval-id={a.id}>
      <TableCell>
        <Link as="button" onClick={props.onOpen}>
          {a.title}
        </Link>
        {a.myTurn && (
          <Caption1 as="span" block>
            {t("approvals.list.yourTurn")}
          </Caption1>
        )}
      </TableCell>
      <TableCell>{a.drafter.name}</TableCell>
      <TableCell>
        <StatusBadge status={a.status} />
      </TableCell>
      <TableCell>
        {props.box === "done" ? (
          (a.number ?? "—")
        ) : (
          <>
            {a.currentStage ?? "—"}
            {waiting && (
              <Caption1 as="span" block className={props.waitingClass}>
                {t("approvals.list.waitingOn", { names: waiting })}
              </Caption1>
            )}
          </>
        )}
      </TableCell>
      <TableCell>{a.dueDate ? formatInstant(`${a.dueDate}T00:00:00+09:00`, lang, "date") : "—"}</TableCell>
      <TableCell>{formatInstant(a.completedAt ?? a.submittedAt ?? a.updatedAt, lang)}</TableCell>
    </TableRow>
  );
}
