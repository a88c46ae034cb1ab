import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Select,
  Spinner,
  Textarea,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import type { MeetingView } from "@komu/shared";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, pickErrorMessage } from "../../api/errors.js";
import { RouterLink } from "../../app/RouterLink.js";
import { useLang } from "../../app/useLang.js";
import { CategoryConfirmDialog } from "../../records/common/CategoryConfirmDialog.js";
import { useMeetings } from "../common/MeetingsContext.js";
import { MyActionItems } from "../detail/ActionItems.js";
import { problemsFromIssues } from "../model/form.js";
import {
  actionItemProblems,
  type MinutesForm,
  minutesEditable,
  minutesForm,
  minutesInput,
  newActionId,
} from "../model/minutes.js";
import { isPast } from "../model/times.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "60rem", minWidth: 0 },
  block: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  action: {
    display: "grid",
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: "minmax(12rem, 2fr) minmax(10rem, 1fr) 10rem auto",
    alignItems: "end",
    "@media (max-width: 900px)": { gridTemplateColumns: "1fr 1fr" },
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  text: { whiteSpace: "pre-wrap" },
  list: { margin: 0, padding: 0, listStyle: "none", display: "grid", gap: tokens.spacingVerticalM },
});

const STATUS_COLOR = { draft: "informative", submitted: "brand", approved: "success", returned: "warning" } as const;

/**
 * 議事録: the recorder's editor pre-filled from the agenda (discussion, decisions per item),
 * action items (title, assignee from the attendees, due date) and other notes; 「決裁に回す」 with
 * a 文書分類; the approval's status and link; 「会議フォルダを学校文書に保存」 after the meeting.
 */
export default function MinutesView(props: { meeting: MeetingView; onChange: (m: MeetingView) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce, schoolId } = useMeetings();
  const { meeting } = props;
  const editable = minutesEditable(meeting);
  const [form, setForm] = useState<MinutesForm>(() => minutesForm(meeting));
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"submit" | "file" | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const attendees = meeting.attendees;
  const change = (next: MinutesForm) => {
    setForm(next);
    setDirty(true);
  };
  const setItem = (i: number, patch: Partial<MinutesForm["items"][number]>) =>
    change({ ...form, items: form.items.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  const setAction = (i: number, patch: Partial<MinutesForm["actionItems"][number]>) =>
    change({ ...form, actionItems: form.actionItems.map((x, k) => (k === i ? { ...x, ...patch } : x)) });

  const save = async (): Promise<MeetingView | null> => {
    setError(null);
    const local = actionItemProblems(form, {
      required: t("meetings.minutes.required"),
      assignee: t("meetings.minutes.chooseAssignee"),
      date: t("meetings.minutes.badDate"),
    });
    setProblems(local);
    if (local.size > 0) {
      announce(t("meetings.edit.problemsCount", { count: local.size }));
      return null;
    }
    setBusy(true);
    try {
      const next = await api.saveMinutes(meeting, minutesInput(form));
      props.onChange(next);
      setDirty(false);
      announce(t("meetings.minutes.saved"));
      return next;
    } catch (e) {
      if (e instanceof ApiError) setProblems(problemsFromIssues(e.details, lang));
      setError(pickErrorMessage(e, lang));
      requestAnimationFrame(() => errorRef.current?.focus());
      return null;
    } finally {
      setBusy(false);
    }
  };

  const approvalLink = meeting.minutes.approvalId
    ? `/approvals?school=${encodeURIComponent(schoolId)}&approval=${encodeURIComponent(meeting.minutes.approvalId)}`
    : null;
  const ended = isPast(meeting.endsAt, new Date());
  return (
    <div className={styles.wrap} data-testid="meeting-minutes">
      <MyActionItems meeting={meeting} onChange={props.onChange} />
      <div className={styles.actions}>
        <Body1>{t("meetings.minutes.statusLabel")}</Body1>
        <Badge appearance="tint" color={STATUS_COLOR[meeting.minutes.status]} data-testid="minutes-status">
          {t(`meetings.minutes.status.${meeting.minutes.status}`)}
        </Badge>
        {approvalLink && <RouterLink to={approvalLink}>{t("meetings.minutes.openApproval")}</RouterLink>}
      </div>
      {error && (
        <div ref={errorRef} tabIndex={-1}>
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      <ol className={styles.list} aria-label={t("meetings.minutes.itemsLabel")}>
        {form.items.map((item, i) => (
          <li key={item.agendaItemId} className={styles.block}>
            <h3 className={styles.heading}>
              {i + 1}. {item.title}
            </h3>
            {editable ? (
              <>
                <Field label={t("meetings.minutes.discussion")}>
                  <Textarea
                    resize="vertical"
                    value={item.discussion}
                    maxLength={4000}
                    onChange={(_, d) => setItem(i, { discussion: d.value })}
                    data-testid="minutes-discussion"
                  />
                </Field>
                <Field label={t("meetings.minutes.decisions")}>
                  <Textarea
                    resize="vertical"
                    value={item.decisions}
                    maxLength={2000}
                    onChange={(_, d) => setItem(i, { decisions: d.value })}
                    data-testid="minutes-decisions"
                  />
                </Field>
              </>
            ) : (
              <>
                <Caption1>{t("meetings.minutes.discussion")}</Caption1>
                <Body1 className={styles.text}>{item.discussion || "—"}</Body1>
                <Caption1>{t("meetings.minutes.decisions")}</Caption1>
                <Body1 className={styles.text}>{item.decisions || "—"}</Body1>
              </>
            )}
          </li>
        ))}
      </ol>
      <section className={styles.block} aria-labelledby="minutes-actions">
        <h3 id="minutes-actions" className={styles.heading}>
          {t("meetings.minutes.actionItems")}
        </h3>
        {form.actionItems.length === 0 && <Caption1>{t("meetings.minutes.noActionItems")}</Caption1>}
        {form.actionItems.map((a, i) =>
          editable ? (
            <div key={a.id} className={styles.action} data-testid="minutes-action-item">
              <Field
                label={t("meetings.minutes.actionTitle")}
                required
                validationMessage={problems.get(`actionItems.${i}.title`)}
                validationState={problems.get(`actionItems.${i}.title`) ? "error" : "none"}
              >
                <Input
                  value={a.title}
                  onChange={(_, d) => setAction(i, { title: d.value })}
                  data-testid="action-title"
                />
              </Field>
              <Field
                label={t("meetings.minutes.assignee")}
                required
                validationMessage={problems.get(`actionItems.${i}.assigneeOid`)}
                validationState={problems.get(`actionItems.${i}.assigneeOid`) ? "error" : "none"}
              >
                <Select
                  data-testid="action-assignee"
                  value={a.assigneeOid}
                  onChange={(_, d) =>
                    setAction(i, {
                      assigneeOid: d.value,
                      assigneeName: attendees.find((x) => x.oid === d.value)?.name ?? "",
                    })
                  }
                >
                  <option value="">{t("meetings.minutes.chooseAssignee")}</option>
                  {a.assigneeOid && !attendees.some((x) => x.oid === a.assigneeOid) && (
                    <option value={a.assigneeOid}>{a.assigneeName}</option>
                  )}
                  {attendees.map((x) => (
                    <option key={x.oid} value={x.oid}>
                      {x.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label={t("meetings.minutes.dueDate")}
                required
                validationMessage={problems.get(`actionItems.${i}.dueDate`)}
                validationState={problems.get(`actionItems.${i}.dueDate`) ? "error" : "none"}
              >
                <Input
                  type="date"
                  value={a.dueDate}
                  onChange={(_, d) => setAction(i, { dueDate: d.value })}
                  data-testid="action-due"
                />
              </Field>
              <Button
                aria-label={t("meetings.minutes.removeAction", { title: a.title || i + 1 })}
                onClick={() => change({ ...form, actionItems: form.actionItems.filter((_, k) => k !== i) })}
              >
                {t("meetings.agenda.remove")}
              </Button>
            </div>
          ) : (
            <Body1 key={a.id}>
              {a.title}（{a.assigneeName}・{a.dueDate}）
            </Body1>
          ),
        )}
        {editable && (
          <div>
            <Button
              onClick={() =>
                change({
                  ...form,
                  actionItems: [
                    ...form.actionItems,
                    {
                      id: newActionId(form.actionItems.map((a) => a.id)),
                      title: "",
                      assigneeOid: "",
                      assigneeName: "",
                      dueDate: "",
                    },
                  ],
                })
              }
              data-testid="minutes-add-action"
            >
              {t("meetings.minutes.addAction")}
            </Button>
          </div>
        )}
      </section>
      <section className={styles.block} aria-labelledby="minutes-other">
        <h3 id="minutes-other" className={styles.heading}>
          {t("meetings.minutes.other")}
        </h3>
        {editable ? (
          <Textarea
            aria-labelledby="minutes-other"
            resize="vertical"
            value={form.other}
            maxLength={4000}
            onChange={(_, d) => change({ ...form, other: d.value })}
          />
        ) : (
          <Body1 className={styles.text}>{form.other || "—"}</Body1>
        )}
      </section>
      <div className={styles.actions}>
        {editable && (
          <Button appearance="primary" disabledFocusable={busy} onClick={() => void save()} data-testid="minutes-save">
            {busy ? <Spinner size="tiny" /> : t("meetings.minutes.save")}
          </Button>
        )}
        {editable && (
          <Button onClick={() => setDialog("submit")} disabled={busy} data-testid="minutes-submit">
            {t("meetings.minutes.submit")}
          </Button>
        )}
        {meeting.abilities.manage && ended && (
          <Button onClick={() => setDialog("file")} data-testid="meeting-file">
            {t("meetings.file.button")}
          </Button>
        )}
        {dirty && <Caption1>{t("meetings.minutes.unsaved")}</Caption1>}
      </div>
      {meeting.filedRecordIds.length > 0 && (
        <MessageBar intent="success" data-testid="meeting-filed">
          <MessageBarBody>{t("meetings.file.done", { count: meeting.filedRecordIds.length })}</MessageBarBody>
        </MessageBar>
      )}
      {dialog && (
        <CategoryDialog
          kind={dialog}
          onClose={() => setDialog(null)}
          onConfirm={async (categoryCode) => {
            if (dialog === "submit") {
              const current = dirty ? await save() : meeting;
              if (!current) return false;
              const next = await api.submitMinutes(current, { templateId: "general", categoryCode });
              props.onChange(next);
              announce(t("meetings.minutes.submitted"));
            } else {
              const next = await api.file(meeting, { categoryCode });
              props.onChange(next);
              announce(t("meetings.file.done", { count: next.filedRecordIds.length }));
            }
            return true;
          }}
        />
      )}
    </div>
  );
}

function CategoryDialog(props: {
  kind: "submit" | "file";
  onClose: () => void;
  onConfirm: (categoryCode: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const { client, schoolId } = useMeetings();
  const submit = props.kind === "submit";
  return (
    <CategoryConfirmDialog
      api={client}
      schoolId={schoolId}
      title={submit ? t("meetings.minutes.submitTitle") : t("meetings.file.title")}
      confirmLabel={submit ? t("meetings.minutes.submitConfirm") : t("meetings.file.confirm")}
      body={submit ? t("meetings.minutes.submitBody") : t("meetings.file.body")}
      chooseCategory={t("meetings.chooseCategory")}
      testId={submit ? "minutes-submit-dialog" : "meeting-file-dialog"}
      onClose={props.onClose}
      onConfirm={props.onConfirm}
    />
  );
}
