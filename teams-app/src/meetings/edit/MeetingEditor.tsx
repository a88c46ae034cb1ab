import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Select,
  Spinner,
  Switch,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import { type Attendee, MEETING_TYPE_LABELS, MEETING_TYPES, type MeetingType, type MeetingView } from "@komu/shared";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { type LoadState, useLoad } from "../../app/useLoad.js";
import { ViewHeading } from "../../app/ViewHeading.js";
import { utcToJst } from "../../format/jst-input.js";
import { useMeetings } from "../common/MeetingsContext.js";
import {
  checkForm,
  emptyForm,
  type FieldProblems,
  formFromView,
  type MeetingForm,
  problemsFromIssues,
} from "../model/form.js";
import { AgendaEditor } from "./AgendaEditor.js";
import { AttendeesEditor } from "./AttendeesEditor.js";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "60rem", minWidth: 0 },
  section: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  sectionTitle: { ...typographyStyles.subtitle2, margin: 0 },
  grid: {
    display: "grid",
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: "repeat(auto-fit, minmax(11rem, 1fr))",
    alignItems: "start",
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/**
 * 会議の作成・編集 (chairs): type, title, JST date and times, place, online meeting, attendees with
 * their preview, the agenda (total vs length live), class II sharing days. Checked with the
 * shared schema before sending; the server's problems are shown at their fields.
 */
export default function MeetingEditor(props: { meeting: MeetingView | null; onSaved?: (v: MeetingView) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, openMeeting, announce, go } = useMeetings();
  const [form, setForm] = useState<MeetingForm>(() =>
    props.meeting
      ? formFromView(props.meeting)
      : emptyForm(utcToJst(new Date(Date.now() + 7 * 86_400_000).toISOString()).date),
  );
  const [problems, setProblems] = useState<FieldProblems>(new Map());
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const messages = useMemo(
    () => ({
      required: t("meetings.edit.required"),
      invalid: t("meetings.edit.invalid"),
      time: t("meetings.edit.badTime"),
      minutes: t("meetings.edit.badMinutes"),
      sharingDays: t("meetings.edit.badDays"),
    }),
    [t],
  );
  const change = (patch: Partial<MeetingForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    if (checked) setProblems(checkForm(next, lang, messages).problems);
  };

  // The staff list (named people) is the preview of 全教職員.
  const [staff] = useLoad(async () => (await api.preview({ allStaff: true, roles: [], people: [] })).attendees, [api]);
  const [preview, setPreview] = useState<LoadState<Attendee[]> | null>(null);
  const spec = useMemo(
    () => ({ allStaff: form.allStaff, roles: form.roles, people: form.people.map((p) => p.oid) }),
    [form.allStaff, form.roles, form.people],
  );
  useEffect(() => {
    if (!spec.allStaff && spec.roles.length === 0 && spec.people.length === 0) {
      setPreview(null);
      return;
    }
    let live = true;
    setPreview({ status: "loading" });
    const timer = setTimeout(() => {
      api.preview(spec).then(
        (p) => live && setPreview({ status: "ok", data: p.attendees }),
        (e: unknown) => live && setPreview({ status: "error", error: e }),
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, spec]);
  const presenters = preview?.status === "ok" ? preview.data : (props.meeting?.attendees ?? []);

  const save = async () => {
    setChecked(true);
    setError(null);
    const check = checkForm(form, lang, messages);
    setProblems(check.problems);
    if (check.problems.size > 0) {
      announce(t("meetings.edit.problemsCount", { count: check.problems.size }));
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
      return;
    }
    setBusy(true);
    try {
      const saved = props.meeting ? await api.update(props.meeting, check.input) : await api.create(check.input);
      announce(t("meetings.edit.saved"));
      if (props.onSaved) props.onSaved(saved);
      else openMeeting(saved.id);
    } catch (e) {
      const fromServer = e instanceof ApiError ? problemsFromIssues(e.details, lang) : new Map<string, string>();
      if (e instanceof ApiError && e.code === "MEETING_ATTENDEE_OUTSIDE_SCHOOL" && !fromServer.has("attendees"))
        fromServer.set("attendees", e.messageIn(lang));
      if (e instanceof ApiError && e.code === "MEETING_AGENDA_OVERRUN" && !fromServer.has("agenda"))
        fromServer.set("agenda", e.messageIn(lang));
      setProblems(fromServer);
      setError(pickErrorMessage(e, lang));
      requestAnimationFrame(() => errorRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const p = (key: string) => problems.get(key);
  const fieldState = (key: string) => (p(key) ? { validationMessage: p(key), validationState: "error" as const } : {});
  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-labelledby="meeting-editor-title"
      data-testid="meeting-editor"
      noValidate
    >
      <ViewHeading id="meeting-editor-title" focus={!props.meeting}>
        {props.meeting ? t("meetings.edit.editTitle") : t("meetings.edit.newTitle")}
      </ViewHeading>
      {error && (
        <div ref={errorRef} tabIndex={-1}>
          <MessageBar intent="error" layout="multiline" role="alert" data-testid="meeting-editor-error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      <section className={styles.section} aria-labelledby="meeting-basics">
        <h3 id="meeting-basics" className={styles.sectionTitle}>
          {t("meetings.edit.basics")}
        </h3>
        <div className={styles.grid}>
          <Field label={t("meetings.edit.type")} required>
            <Select
              value={form.type}
              onChange={(_, d) => change({ type: d.value as MeetingType })}
              data-testid="meeting-type"
            >
              {MEETING_TYPES.map((type) => (
                <option key={type} value={type}>
                  {MEETING_TYPE_LABELS[type][lang]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("meetings.edit.title")} required {...fieldState("title")}>
            <Input value={form.title} onChange={(_, d) => change({ title: d.value })} data-testid="meeting-title" />
          </Field>
        </div>
        <div className={styles.grid}>
          <Field label={t("meetings.edit.date")} required {...fieldState("date")}>
            <Input
              type="date"
              value={form.date}
              onChange={(_, d) => change({ date: d.value })}
              data-testid="meeting-date"
            />
          </Field>
          <Field label={t("meetings.edit.start")} required {...fieldState("start")} hint={t("meetings.edit.jst")}>
            <Input
              type="time"
              value={form.start}
              onChange={(_, d) => change({ start: d.value })}
              data-testid="meeting-start"
            />
          </Field>
          <Field label={t("meetings.edit.end")} required {...fieldState("end")}>
            <Input
              type="time"
              value={form.end}
              onChange={(_, d) => change({ end: d.value })}
              data-testid="meeting-end"
            />
          </Field>
        </div>
        <div className={styles.grid}>
          <Field label={t("meetings.edit.place")} {...fieldState("place")}>
            <Input value={form.place} onChange={(_, d) => change({ place: d.value })} data-testid="meeting-place" />
          </Field>
          <Field label={t("meetings.edit.online")} hint={t("meetings.edit.onlineHint")}>
            <Switch
              checked={form.online}
              onChange={(_, d) => change({ online: d.checked })}
              data-testid="meeting-online"
            />
          </Field>
        </div>
      </section>
      <section className={styles.section} aria-labelledby="meeting-attendees">
        <h3 id="meeting-attendees" className={styles.sectionTitle}>
          {t("meetings.edit.attendees")}
        </h3>
        <AttendeesEditor
          value={form}
          onChange={(v) => change(v)}
          staff={staff}
          preview={preview}
          problem={p("attendees")}
          labelledBy="meeting-attendees"
        />
      </section>
      <section className={styles.section} aria-labelledby="meeting-agenda">
        <h3 id="meeting-agenda" className={styles.sectionTitle}>
          {t("meetings.edit.agenda")}
        </h3>
        <AgendaEditor
          rows={form.agenda}
          onChange={(agenda) => change({ agenda })}
          start={form.start}
          end={form.end}
          presenters={presenters}
          problems={problems}
        />
      </section>
      <section className={styles.section} aria-labelledby="meeting-sharing">
        <h3 id="meeting-sharing" className={styles.sectionTitle}>
          {t("meetings.edit.sharing")}
        </h3>
        <Field
          label={t("meetings.edit.sharingDays")}
          hint={t("meetings.edit.sharingDaysHint")}
          {...fieldState("sharingDays")}
        >
          <Input
            inputMode="numeric"
            value={form.sharingDays}
            onChange={(_, d) => change({ sharingDays: d.value })}
            contentAfter={t("meetings.edit.days")}
          />
        </Field>
      </section>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabledFocusable={busy} data-testid="meeting-save">
          {busy ? <Spinner size="tiny" /> : props.meeting ? t("meetings.edit.saveChanges") : t("meetings.edit.create")}
        </Button>
        <Button onClick={() => (props.meeting ? openMeeting(props.meeting.id) : go("list"))} disabled={busy}>
          {t("meetings.cancel")}
        </Button>
      </div>
    </form>
  );
}
