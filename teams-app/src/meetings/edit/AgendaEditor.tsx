import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Select,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import type { Attendee } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { type AgendaRow, agendaSchedule, agendaTotals, emptyRow, moveRow } from "../model/agenda.js";
import type { FieldProblems } from "../model/form.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  list: { margin: 0, padding: 0, listStyle: "none", display: "grid", gap: tokens.spacingVerticalM },
  item: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  row: {
    display: "grid",
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: "minmax(12rem, 2fr) minmax(10rem, 1fr) 6rem",
    alignItems: "start",
    "@media (max-width: 800px)": { gridTemplateColumns: "1fr" },
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  total: { fontVariantNumeric: "tabular-nums" },
});

/**
 * 議題: items with title, presenter (from the attendees), planned minutes and a note, reordered
 * with 上へ/下へ; the total against the meeting's length shown live, with the overrun message.
 */
export function AgendaEditor(props: {
  rows: AgendaRow[];
  onChange: (rows: AgendaRow[]) => void;
  start: string;
  end: string;
  presenters: Attendee[];
  problems: FieldProblems;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { rows } = props;
  const totals = agendaTotals(rows, props.start, props.end);
  const schedule = agendaSchedule(rows, props.start);
  const set = (i: number, patch: Partial<AgendaRow>) =>
    props.onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const focusItem = (i: number) =>
    requestAnimationFrame(() => document.getElementById(`agenda-title-${rows[i]?.id ?? ""}`)?.focus());
  const move = (i: number, delta: number) => {
    props.onChange(moveRow(rows, i, delta));
    requestAnimationFrame(() =>
      document.getElementById(`agenda-move-${rows[i]?.id ?? ""}-${delta < 0 ? "up" : "down"}`)?.focus(),
    );
  };
  const problem = (i: number, field: string) => props.problems.get(`agenda.${i}.${field}`);
  const presenterOptions = [...props.presenters];
  return (
    <div className={styles.wrap} data-testid="agenda-editor">
      <ol className={styles.list}>
        {rows.map((r, i) => {
          const known = presenterOptions.some((p) => p.oid === r.presenterOid);
          return (
            <li key={r.id} className={styles.item} data-testid="agenda-item">
              <Caption1>
                {t("meetings.agenda.itemNumber", { n: i + 1 })}　{schedule[i]?.from}–{schedule[i]?.to}
              </Caption1>
              <div className={styles.row}>
                <Field
                  label={t("meetings.agenda.title")}
                  required
                  validationMessage={problem(i, "title")}
                  validationState={problem(i, "title") ? "error" : "none"}
                >
                  <Input
                    id={`agenda-title-${r.id}`}
                    value={r.title}
                    onChange={(_, d) => set(i, { title: d.value })}
                    data-testid="agenda-title"
                  />
                </Field>
                <Field label={t("meetings.agenda.presenter")}>
                  <Select
                    data-testid="agenda-presenter"
                    value={r.presenterOid ?? ""}
                    onChange={(_, d) => {
                      const p = presenterOptions.find((x) => x.oid === d.value);
                      set(i, { presenterOid: p?.oid ?? null, presenterName: p?.name ?? "" });
                    }}
                  >
                    <option value="">{t("meetings.agenda.noPresenter")}</option>
                    {!known && r.presenterOid && <option value={r.presenterOid}>{r.presenterName}</option>}
                    {presenterOptions.map((p) => (
                      <option key={p.oid} value={p.oid}>
                        {p.name}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field
                  label={t("meetings.agenda.minutes")}
                  required
                  validationMessage={problem(i, "minutes")}
                  validationState={problem(i, "minutes") ? "error" : "none"}
                >
                  <Input
                    inputMode="numeric"
                    value={r.minutes}
                    onChange={(_, d) => set(i, { minutes: d.value })}
                    data-testid="agenda-minutes"
                    contentAfter={<Caption1>{t("meetings.agenda.minutesUnit")}</Caption1>}
                  />
                </Field>
              </div>
              <Field label={t("meetings.agenda.note")}>
                <Textarea value={r.note} resize="vertical" onChange={(_, d) => set(i, { note: d.value })} />
              </Field>
              <div className={styles.actions}>
                <Button
                  size="small"
                  id={`agenda-move-${r.id}-up`}
                  disabled={i === 0}
                  aria-label={t("meetings.agenda.upLabel", { title: r.title || i + 1 })}
                  onClick={() => move(i, -1)}
                >
                  {t("meetings.agenda.up")}
                </Button>
                <Button
                  size="small"
                  id={`agenda-move-${r.id}-down`}
                  disabled={i === rows.length - 1}
                  aria-label={t("meetings.agenda.downLabel", { title: r.title || i + 1 })}
                  onClick={() => move(i, 1)}
                >
                  {t("meetings.agenda.down")}
                </Button>
                <Button
                  size="small"
                  aria-label={t("meetings.agenda.removeLabel", { title: r.title || i + 1 })}
                  onClick={() => {
                    props.onChange(rows.filter((_, k) => k !== i));
                    if (rows.length > 1) focusItem(Math.max(0, i - 1));
                  }}
                >
                  {t("meetings.agenda.remove")}
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className={styles.actions}>
        <Button
          onClick={() => {
            const next = [...rows, emptyRow(rows.map((r) => r.id))];
            props.onChange(next);
            requestAnimationFrame(() =>
              document.getElementById(`agenda-title-${next[next.length - 1]?.id ?? ""}`)?.focus(),
            );
          }}
          data-testid="agenda-add"
        >
          {t("meetings.agenda.add")}
        </Button>
        <Body1 className={styles.total} role="status" data-testid="agenda-total">
          {totals.length === null
            ? t("meetings.agenda.totalOnly", { total: totals.total })
            : t("meetings.agenda.total", { total: totals.total, length: totals.length })}
        </Body1>
      </div>
      {(totals.overrun > 0 || props.problems.get("agenda")) && (
        <MessageBar intent="warning" layout="multiline" data-testid="agenda-overrun">
          <MessageBarBody>
            {props.problems.get("agenda") ??
              t("meetings.agenda.overrun", { total: totals.total, length: totals.length ?? 0, over: totals.overrun })}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
