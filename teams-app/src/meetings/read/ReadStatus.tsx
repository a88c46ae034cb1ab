import {
  Body1,
  Button,
  Caption1,
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
import type { MeetingView } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useMeetings } from "../common/MeetingsContext.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  scroll: { overflowX: "auto" },
  unread: { color: tokens.colorNeutralForeground2 },
  head: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", flexWrap: "wrap" },
});

/** 閲覧状況 (chair): attendees × materials — 開封済み with pages seen / pages, or 未開封 (in words, not colour only). */
export default function ReadStatus({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api } = useMeetings();
  const [status, reload] = useLoad(() => api.readStatus(meeting.id), [api, meeting.id]);
  if (status.status === "loading") return <Spinner label={t("app.loading")} />;
  if (status.status === "error") return <ErrorPanel error={status.error} onRetry={reload} />;
  const { attendees } = status.data;
  const opened = (materialId: string) =>
    attendees.filter((a) => a.cells.some((c) => c.materialId === materialId && c.openedAt)).length;
  return (
    <div className={styles.wrap} data-testid="meeting-read-status">
      <div className={styles.head}>
        <Body1>{t("meetings.read.summary", { count: attendees.length })}</Body1>
        <Button size="small" onClick={reload}>
          {t("meetings.read.refresh")}
        </Button>
      </div>
      <div className={styles.scroll}>
        <Table size="small" aria-label={t("meetings.read.tableLabel")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("meetings.read.attendee")}</TableHeaderCell>
              {meeting.materials.map((m) => (
                <TableHeaderCell key={m.id}>
                  <span>
                    {m.title}
                    <br />
                    <Caption1>
                      {t("meetings.read.openedCount", { opened: opened(m.id), count: attendees.length })}
                    </Caption1>
                  </span>
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {attendees.map((a) => (
              <TableRow key={a.oid} data-testid="read-row">
                <TableCell>{a.name}</TableCell>
                {meeting.materials.map((m) => {
                  const cell = a.cells.find((c) => c.materialId === m.id);
                  const pages = cell?.pages ?? m.pages;
                  return (
                    <TableCell key={m.id} data-testid="read-cell" data-opened={cell?.openedAt ? "yes" : "no"}>
                      {cell?.openedAt ? (
                        <span title={formatInstant(cell.openedAt, lang)}>
                          {pages !== null && pages !== undefined
                            ? t("meetings.read.openedPages", { seen: cell.pagesSeen, pages })
                            : t("meetings.read.opened")}
                          {cell.version < m.version
                            ? ` ${t("meetings.read.oldVersion", { version: cell.version })}`
                            : ""}
                        </span>
                      ) : (
                        <span className={styles.unread}>{t("meetings.read.unopened")}</span>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
