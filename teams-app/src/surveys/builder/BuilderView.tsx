import {
  Body1,
  Button,
  Checkbox,
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
import {
  type AudiencePreview,
  QUESTION_LABELS,
  QUESTION_TYPES,
  type QuestionType,
  SURVEY_TEMPLATES,
  SurveyDefinition,
  type SurveyDefinitionInput,
  type SurveyView,
} from "@komu/shared";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, pickErrorMessage } from "../../api/errors.js";
import { ConfirmDialog } from "../../app/ConfirmDialog.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { ViewHeading } from "../../app/ViewHeading.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useSurveys } from "../common/SurveysContext.js";
import {
  checkForm,
  conditionTargets,
  emptyForm,
  type FieldProblems,
  formFromDefinition,
  moveQuestion,
  newQuestion,
  problemsFromIssues,
  removeQuestion,
  type SurveyForm,
  toAudience,
} from "../model/builder.js";
import { AudienceEditor, type PreviewState } from "./AudienceEditor.js";
import { QuestionEditor } from "./QuestionEditor.js";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "52rem" },
  section: { display: "grid", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap", alignItems: "end" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  checks: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  fieldset: { border: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalXS },
});

const REMINDER_CHOICES = [7, 3, 2, 1, 0];

interface TemplateChoice {
  id: string;
  name: { ja: string; en: string };
  definition: SurveyDefinitionInput;
}

/** The server's templates whose definitions parse; the shipped ones (shared) when the server has not answered. */
function templateChoices(items: { id: string; name: { ja: string; en: string }; definition: unknown }[] | null) {
  if (!items)
    return SURVEY_TEMPLATES.map(
      (tpl): TemplateChoice => ({
        id: tpl.id,
        name: tpl.name,
        definition: { ...tpl, templateId: tpl.id, deadline: "" },
      }),
    );
  return items.flatMap((item): TemplateChoice[] => {
    const parsed = SurveyDefinition.safeParse(item.definition);
    return parsed.success ? [{ id: item.id, name: item.name, definition: parsed.data }] : [];
  });
}

/** 新規作成 (`?view=new`) and a draft's edit (`?survey=<id>&view=edit`). */
export default function BuilderView({ surveyId }: { surveyId: string | null }) {
  const { t } = useTranslation();
  const { api } = useSurveys();
  const [loaded, setLoaded] = useState<
    { status: "loading" } | { status: "ok"; survey: SurveyView | null } | { status: "error"; error: unknown }
  >(surveyId ? { status: "loading" } : { status: "ok", survey: null });
  const load = useCallback(() => {
    if (!surveyId) return;
    setLoaded({ status: "loading" });
    api.get(surveyId).then(
      (survey) => setLoaded({ status: "ok", survey }),
      (error: unknown) => setLoaded({ status: "error", error }),
    );
  }, [api, surveyId]);
  useEffect(load, [load]);
  if (loaded.status === "loading") return <Spinner label={t("app.loading")} />;
  if (loaded.status === "error") return <ErrorPanel error={loaded.error} onRetry={load} />;
  if (loaded.survey && loaded.survey.status !== "draft") return <NotDraft surveyId={loaded.survey.id} />;
  return <Builder initial={loaded.survey} />;
}

function NotDraft({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation();
  const { openSurvey } = useSurveys();
  return (
    <MessageBar layout="multiline" intent="info" data-testid="survey-not-draft">
      <MessageBarBody>
        {t("surveys.builder.notDraft")}{" "}
        <Button size="small" onClick={() => openSurvey(surveyId)}>
          {t("surveys.builder.toSurvey")}
        </Button>
      </MessageBarBody>
    </MessageBar>
  );
}

function Builder({ initial }: { initial: SurveyView | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce, openSurvey, go } = useSurveys();
  const now = useMemo(() => new Date(), []);
  const [form, setForm] = useState<SurveyForm>(() => (initial ? formFromDefinition(initial, now) : emptyForm(now)));
  const [current, setCurrent] = useState<{ id: string; etag: string } | null>(
    initial ? { id: initial.id, etag: initial.etag } : null,
  );
  const [problems, setProblems] = useState<FieldProblems>(new Map());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewState>({ status: "idle" });
  const [deleting, setDeleting] = useState(false);
  const [confirm, setConfirm] = useState<{ survey: SurveyView; preview: AudiencePreview } | null>(null);
  const [template, setTemplate] = useState("");
  // GET …/surveys/templates (the server's deadline a week ahead); the shipped ones until it answers.
  const [served] = useLoad(() => (initial ? Promise.resolve({ items: [] }) : api.templates()), [api, initial]);
  const templates = useMemo(() => templateChoices(served.status === "ok" ? served.data.items : null), [served]);
  const [addType, setAddType] = useState<QuestionType>("single");
  const moveButtons = useRef(new Map<string, HTMLElement | null>());
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);
  const messages = useMemo(
    () => ({
      required: t("surveys.builder.problem.required"),
      deadline: t("surveys.builder.problem.deadline"),
      deadlinePast: t("surveys.builder.problem.deadlinePast"),
      invalid: t("surveys.builder.problem.invalid"),
      condition: t("surveys.builder.problem.condition"),
    }),
    [t],
  );

  // After a first check, the problems follow the form as it is corrected.
  const [attempted, setAttempted] = useState(false);
  useEffect(() => {
    if (!attempted) return;
    setProblems(checkForm(form, lang, messages, new Date()).problems);
  }, [attempted, form, lang, messages]);

  useEffect(() => {
    if (!focusAfterMove) return;
    moveButtons.current.get(focusAfterMove)?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove]);

  const fieldErr = (path: string) => {
    const list = problems.get(path);
    return list ? { validationMessage: list.join(" "), validationState: "error" as const } : {};
  };
  const set = (patch: Partial<SurveyForm>) => setForm((f) => ({ ...f, ...patch }));

  const applyTemplate = (id: string) => {
    setTemplate(id);
    const tpl = templates.find((x) => x.id === id);
    setForm(tpl ? formFromDefinition(tpl.definition, now) : emptyForm(now));
    setProblems(new Map());
    announce(tpl ? t("surveys.builder.templateApplied", { name: tpl.name[lang] }) : t("surveys.builder.blankApplied"));
  };

  const runPreview = async (): Promise<AudiencePreview | null> => {
    setPreview({ status: "loading" });
    try {
      const data = await api.preview(toAudience(form));
      setPreview({ status: "ok", data });
      announce(t("surveys.audience.count", { count: data.recipients }));
      return data;
    } catch (e) {
      setPreview({ status: "error", error: e });
      return null;
    }
  };

  /** Check, then create (POST) or update (PUT with If-Match); null when there was a problem. */
  const save = async (): Promise<SurveyView | null> => {
    setError(null);
    const checked = checkForm(form, lang, messages, new Date());
    setProblems(checked.problems);
    setAttempted(true);
    if (checked.problems.size > 0) {
      announce(t("surveys.builder.problemsFound", { count: checked.problems.size }));
      return null;
    }
    setSaving(true);
    try {
      const view = current ? await api.update(current, checked.definition) : await api.create(checked.definition);
      setCurrent({ id: view.id, etag: view.etag });
      setSaving(false);
      announce(t("surveys.builder.saved"));
      return view;
    } catch (e) {
      setSaving(false);
      if (e instanceof ApiError && e.code === "VALIDATION_FAILED") setProblems(problemsFromIssues(e.details, lang));
      if (e instanceof ApiError && e.code === "SURVEY_DEADLINE_PAST")
        setProblems(new Map([["deadline", [e.messageIn(lang)]]]));
      const text = pickErrorMessage(e, lang);
      setError(text);
      announce(text);
      return null;
    }
  };

  const startOpen = async () => {
    const view = await save();
    if (!view) return;
    const p = await runPreview();
    if (p) setConfirm({ survey: view, preview: p });
  };

  const questions = form.questions;

  return (
    <form className={styles.form} onSubmit={(e) => e.preventDefault()} noValidate data-testid="survey-builder">
      <ViewHeading>{current ? t("surveys.builder.editTitle") : t("surveys.builder.newTitle")}</ViewHeading>
      {!current && (
        <Field label={t("surveys.builder.template")} hint={t("surveys.builder.templateHint")}>
          <Select value={template} onChange={(_, d) => applyTemplate(d.value)} data-testid="survey-template">
            <option value="">{t("surveys.builder.blank")}</option>
            {templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {tpl.name[lang]}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <section className={styles.section} aria-labelledby="survey-basics">
        <Subtitle2 as="h3" id="survey-basics">
          {t("surveys.builder.basics")}
        </Subtitle2>
        <Field label={t("surveys.builder.title")} required {...fieldErr("title")}>
          <Input
            value={form.title}
            maxLength={120}
            onChange={(_, d) => set({ title: d.value })}
            data-testid="survey-title"
          />
        </Field>
        <Field label={t("surveys.builder.description")} {...fieldErr("description")}>
          <Textarea
            value={form.description}
            maxLength={2000}
            resize="vertical"
            onChange={(_, d) => set({ description: d.value })}
          />
        </Field>
        <Checkbox
          label={t("surveys.builder.anonymous")}
          checked={form.anonymous}
          onChange={(_, d) => set({ anonymous: d.checked === true })}
        />
        <Body1>{form.anonymous ? t("surveys.builder.anonymousHint") : t("surveys.builder.namedHint")}</Body1>
      </section>

      <section className={styles.section} aria-labelledby="survey-questions">
        <Subtitle2 as="h3" id="survey-questions">
          {t("surveys.builder.questions", { count: questions.length })}
        </Subtitle2>
        {questions.map((q, i) => (
          <QuestionEditor
            key={q.id}
            index={i}
            count={questions.length}
            question={q}
            targets={conditionTargets(questions, i, { yes: t("surveys.yes"), no: t("surveys.no") })}
            problems={problems}
            onChange={(next) => set({ questions: questions.map((x, j) => (j === i ? next : x)) })}
            onMove={(delta) => {
              set({ questions: moveQuestion(questions, i, delta) });
              const to = i + delta;
              // Focus stays on the same button of the moved question (disabled-focusable at the ends).
              setFocusAfterMove(`${q.id}:${delta < 0 ? "up" : "down"}`);
              announce(t("surveys.builder.moved", { title: q.title || q.id, n: to + 1 }));
            }}
            onRemove={() => {
              set({ questions: removeQuestion(questions, i) });
              announce(t("surveys.builder.removed", { n: i + 1 }));
            }}
            buttonRef={(kind, el) => moveButtons.current.set(`${q.id}:${kind}`, el)}
          />
        ))}
        <div className={styles.row}>
          <Field label={t("surveys.builder.addType")}>
            <Select value={addType} onChange={(_, d) => setAddType(d.value as QuestionType)}>
              {QUESTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {QUESTION_LABELS[type][lang]}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            onClick={() => {
              set({ questions: [...questions, newQuestion(addType, questions)] });
              announce(t("surveys.builder.added", { n: questions.length + 1 }));
            }}
            disabledFocusable={questions.length >= 60}
            data-testid="survey-add-question"
          >
            {t("surveys.builder.addQuestion")}
          </Button>
        </div>
      </section>

      <section className={styles.section} aria-labelledby="survey-delivery">
        <Subtitle2 as="h3" id="survey-delivery">
          {t("surveys.builder.delivery")}
        </Subtitle2>
        <div className={styles.row}>
          <Field label={t("surveys.builder.deadlineDate")} required {...fieldErr("deadline")}>
            <Input
              type="date"
              value={form.deadlineDate}
              onChange={(_, d) => set({ deadlineDate: d.value })}
              data-testid="survey-deadline-date"
            />
          </Field>
          <Field label={t("surveys.builder.deadlineTime")} required hint={t("surveys.builder.jst")}>
            <Input
              type="time"
              value={form.deadlineTime}
              onChange={(_, d) => set({ deadlineTime: d.value })}
              data-testid="survey-deadline-time"
            />
          </Field>
        </div>
        <AudienceEditor
          value={form}
          onChange={(v) => {
            set(v);
            setPreview({ status: "idle" });
          }}
          preview={preview}
          onPreview={() => void runPreview()}
          {...(problems.get("audience") ? { problem: (problems.get("audience") ?? []).join(" ") } : {})}
        />
        <fieldset className={styles.fieldset}>
          <legend>{t("surveys.builder.reminders")}</legend>
          <div className={styles.checks}>
            {REMINDER_CHOICES.map((d) => (
              <Checkbox
                key={d}
                label={d === 0 ? t("surveys.builder.reminderSameDay") : t("surveys.builder.reminderDays", { n: d })}
                checked={form.reminderDays.includes(d)}
                onChange={(_, data) =>
                  set({
                    reminderDays:
                      data.checked === true ? [...form.reminderDays, d] : form.reminderDays.filter((x) => x !== d),
                  })
                }
              />
            ))}
          </div>
        </fieldset>
      </section>

      {(error || problems.size > 0) && (
        <MessageBar layout="multiline" intent="error" role="alert" data-testid="survey-builder-error">
          <MessageBarBody>
            {problems.size > 0 ? t("surveys.builder.problemsFound", { count: problems.size }) : error}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button onClick={() => void save()} disabledFocusable={saving} data-testid="survey-save">
          {t("surveys.builder.saveDraft")}
        </Button>
        <Button
          appearance="primary"
          onClick={() => void startOpen()}
          disabledFocusable={saving}
          data-testid="survey-open"
        >
          {t("surveys.builder.open")}
        </Button>
        <Button appearance="subtle" onClick={() => (current ? openSurvey(current.id, "settings") : go("mine"))}>
          {current ? t("surveys.builder.toSurvey") : t("surveys.back")}
        </Button>
        {current && (
          <Button appearance="subtle" onClick={() => setDeleting(true)} data-testid="survey-delete">
            {t("surveys.builder.delete")}
          </Button>
        )}
        {saving && <Spinner size="tiny" label={t("surveys.builder.saving")} />}
      </div>
      {current && (
        <ConfirmDialog
          open={deleting}
          title={t("surveys.builder.deleteTitle")}
          confirmLabel={t("surveys.builder.delete")}
          testId="survey-delete-dialog"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.remove(current);
            announce(t("surveys.builder.deleted"));
            go("mine");
          }}
        >
          <Body1 as="p">{t("surveys.builder.deleteBody", { title: form.title || "—" })}</Body1>
        </ConfirmDialog>
      )}
      {confirm && (
        <ConfirmDialog
          open
          title={t("surveys.builder.openTitle")}
          confirmLabel={t("surveys.builder.openConfirm")}
          testId="survey-open-dialog"
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            const opened = await api.open(confirm.survey);
            announce(t("surveys.builder.opened", { count: opened.recipients }));
            openSurvey(opened.id);
          }}
        >
          <Body1 as="p">
            {t("surveys.builder.openBody", { title: confirm.survey.title, count: confirm.preview.recipients })}
          </Body1>
          <Body1 as="p">
            {form.audienceKind === "guardians"
              ? t("surveys.builder.openGuardians")
              : confirm.survey.answerInCard
                ? t("surveys.builder.openInCard")
                : t("surveys.builder.openInTab")}
          </Body1>
          {confirm.preview.warnings.map((w) => (
            <MessageBar key={w.ja} layout="multiline" intent="warning">
              <MessageBarBody>{w[lang]}</MessageBarBody>
            </MessageBar>
          ))}
        </ConfirmDialog>
      )}
    </form>
  );
}
