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
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useApprovals } from "../common/ApprovalsContext.js";
import { StatusBadge } from "../common/StatusBadge.js";
import { appendPage, type PagedList } from "../model/list-pages.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalM, overflowX: "auto" },
  mine: { backgroundColor: tokens.colorBrandBackground2 },
  waiting: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", justifyContent: "end" },
  more: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", justifyContent: "center" },
});

const PAGE_SIZE = 50;

/** One of the lists: 承認待ち, 起案中, 完了, or (principal) everything waiting in the school; 「さらに表示」 loads the next page. */
export function ApprovalList({ box }: { box: ApprovalBox }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, openApproval, announce } = useApprovals();
  const [first, reload] = useLoad(() => api.list(box, PAGE_SIZE), [api, box]);
  // The pages loaded after the first (reset when the first page is loaded again).
  const [paged, setPaged] = useState<PagedList | null>(null);
  const [more, setMore] = useState<{ status: "idle" | "loading" } | { status: "error"; message: string }>({
    status: "idle",
  });
  const [focusId, setFocusId] = useState<string | null>(null);
  const table = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (first.status !== "ok") return;
    setPaged(null);
    setMore({ status: "idle" });
  }, [first]);
  useEffect(() => {
    if (!focusId) return;
    table.current?.querySelector<HTMLButtonElement>(`[data-approval-id="${CSS.escape(focusId)}"] button`)?.focus();
    setFocusId(null);
  }, [focusId]);

  if (first.status === "loading") return <Spinner label={t("app.loading")} />;
  if (first.status === "error") return <ErrorPanel error={first.error} onRetry={reload} />;
  const list = paged ?? first.data;
  const items = list.items;

  const loadMore = async () => {
    if (!list.next) return;
    setMore({ status: "loading" });
    try {
      const page = await api.list(box, PAGE_SIZE, list.next);
      const next = appendPage(list, page);
      setPaged(next);
      setMore({ status: "idle" });
      const added = next.items.length - list.items.length;
      announce(t("approvals.list.added", { count: added, total: next.items.length }));
      // The button goes away on the last page: the focus moves to the first new row.
      const firstNew = next.items[list.items.length];
      if (!next.next && firstNew) setFocusId(firstNew.id);
    } catch (e) {
      const message = pickErrorMessage(e, lang);
      setMore({ status: "error", message });
      announce(message);
    }
  };
  return (
    <div className={styles.wrap} ref={table}>
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
      {more.status === "error" && (
        <MessageBar intent="error" data-testid="approval-list-more-error">
          <MessageBarBody>{more.message}</MessageBarBody>
        </MessageBar>
      )}
      {list.next && (
        <div className={styles.more}>
          <Button
            onClick={() => void loadMore()}
            disabledFocusable={more.status === "loading"}
            data-testid="approval-list-more"
          >
            {t("approvals.list.more")}
          </Button>
          {more.status === "loading" && <Spinner size="tiny" label={t("approvals.list.loadingMore")} />}
        </div>
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
