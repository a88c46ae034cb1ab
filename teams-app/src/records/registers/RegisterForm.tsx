import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Select,
  Spinner,
  Subtitle2,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { type FilePlan, findCategory, jstDateString, type RegisterEntryView, type RegisterKind } from "@komu/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { newKey } from "../api/records-api.js";
import { CategoryPicker } from "../common/CategoryPicker.js";
import { ClassificationSelect } from "../common/ClassificationSelect.js";
import { useRecords } from "../common/RecordsContext.js";
import { keepOrRaise } from "../model/classification.js";
import { DropZone } from "../upload/DropZone.js";
import { UploadRow } from "../upload/UploadRow.js";
import { useUploadQueue } from "../upload/useUploadQueue.js";
import { CHANNELS, type EntryField, type EntryForm, entryInput, missingFields } from "./entry-form.js";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalM },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(220px, 1fr))",
    // Long category names must not widen a column past its share (selects would overlap).
    "& > *": { minWidth: 0 },
    alignItems: "start",
    gap: tokens.spacingHorizontalM,
  },
  wide: { gridColumn: "1 / -1" },
  list: { listStyle: "none", margin: 0, padding: 0 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

const emptyForm = (): EntryForm => ({
  title: "",
  counterpart: "",
  date: jstDateString(new Date()),
  channel: "mail",
  categoryCode: "",
  classification: null,
  note: "",
});

/** 収受 (incoming) or 発送 (outgoing): the line's fields and, optionally, the document itself. */
export function RegisterForm(props: {
  register: RegisterKind;
  plan: Pick<FilePlan, "categories">;
  onRegistered: (entry: RegisterEntryView) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce } = useRecords();
  const uploads = useUploadQueue();
  const [form, setForm] = useState<EntryForm>(emptyForm);
  const [missing, setMissing] = useState<EntryField[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = props.register;
  const file = uploads.items[0];
  const fileBlocking = file !== undefined && file.status !== "uploaded";

  const set = <K extends keyof EntryForm>(key: K, value: EntryForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const invalid = (field: EntryField) => (missing.includes(field) ? t("records.registers.required") : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const gaps = missingFields(form);
    setMissing(gaps);
    if (gaps.length > 0) {
      announce(t("records.registers.fixFields", { count: gaps.length }));
      document.querySelector<HTMLElement>(`[data-field="${gaps[0]}"] input, [data-field="${gaps[0]}"] select`)?.focus();
      return;
    }
    if (fileBlocking) return;
    setBusy(true);
    setError(null);
    try {
      const entry = await api.register(kind, entryInput(form, file?.upload?.uploadId ?? null), newKey());
      announce(t(`records.registers.assignedAnnounce.${kind}`, { number: entry.number }));
      props.onRegistered(entry);
    } catch (err) {
      const message = pickErrorMessage(err, lang);
      setError(message);
      announce(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="register-form-heading">
      <Subtitle2 as="h2" id="register-form-heading">
        {t(`records.registers.formHeading.${kind}`)}
      </Subtitle2>
      <div className={styles.grid}>
        <Field
          label={t(`records.registers.counterpart.${kind}`)}
          required
          validationMessage={invalid("counterpart")}
          data-field="counterpart"
        >
          <Input
            value={form.counterpart}
            maxLength={120}
            onChange={(_, d) => set("counterpart", d.value)}
            data-testid="register-counterpart"
          />
        </Field>
        <Field
          label={t(`records.registers.date.${kind}`)}
          required
          validationMessage={invalid("date")}
          data-field="date"
        >
          <Input type="date" value={form.date} onChange={(_, d) => set("date", d.value)} data-testid="register-date" />
        </Field>
        <Field
          label={t("records.registers.subject")}
          required
          validationMessage={invalid("title")}
          className={styles.wide}
          data-field="title"
        >
          <Input
            value={form.title}
            maxLength={200}
            onChange={(_, d) => set("title", d.value)}
            data-testid="register-title"
          />
        </Field>
        <Field label={t("records.registers.channel")}>
          <Select value={form.channel} onChange={(_, d) => set("channel", d.value as EntryForm["channel"])}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`records.channel.${c}`)}
              </option>
            ))}
          </Select>
        </Field>
        <div data-field="categoryCode">
          <CategoryPicker
            plan={props.plan}
            value={form.categoryCode}
            validationMessage={invalid("categoryCode")}
            onChange={(code) => {
              const c = findCategory(props.plan, code);
              setForm((f) => ({
                ...f,
                categoryCode: code,
                classification: c ? keepOrRaise(f.classification ?? undefined, c.classification) : null,
              }));
            }}
          />
        </div>
        <ClassificationSelect
          categoryDefault={findCategory(props.plan, form.categoryCode)?.classification ?? null}
          value={form.classification}
          onChange={(c) => set("classification", c)}
        />
        <Field label={t("records.upload.note")} className={styles.wide}>
          <Textarea value={form.note} maxLength={1000} onChange={(_, d) => set("note", d.value)} />
        </Field>
      </div>
      <section aria-label={t("records.registers.fileLabel")}>
        {file ? (
          <ul className={styles.list}>
            <UploadRow
              item={file}
              showTitle={false}
              onTitle={() => {}}
              onRetry={() => uploads.retry(file.key)}
              onRemove={() => uploads.remove(file.key)}
            />
          </ul>
        ) : (
          <DropZone multiple={false} label={t("records.registers.fileHint")} onFiles={uploads.add} disabled={busy} />
        )}
      </section>
      {error && (
        <MessageBar intent="error" data-testid="register-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy || fileBlocking} data-testid="register-submit">
          {t(`records.registers.submit.${kind}`)}
        </Button>
        {busy && <Spinner size="tiny" label={t("records.registers.taking")} />}
        {fileBlocking && file?.status === "uploading" && <span>{t("records.registers.waitFile")}</span>}
      </div>
    </form>
  );
}
