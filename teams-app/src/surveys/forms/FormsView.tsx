import {
  Body1,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { FormsRegisterInput } from "@komu/shared";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { ViewHeading } from "../../app/ViewHeading.js";
import { jstToUtc } from "../../format/jst-input.js";
import { AudienceEditor, type PreviewState } from "../builder/AudienceEditor.js";
import { useSurveys } from "../common/SurveysContext.js";
import { type FieldProblems, problemsFromIssues, type SurveyForm, toAudience } from "../model/builder.js";
import { defaultDeadline } from "../model/deadline.js";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "46rem" },
  row: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap", alignItems: "end" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

/** 「Forms の回答を取り込む」 (`?view=forms`): register a Microsoft Forms response workbook as a tracked survey. */
export default function FormsView() {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce, openSurvey, go } = useSurveys();
  const initial = useMemo(() => defaultDeadline(new Date()), []);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [workbookUrl, setWorkbookUrl] = useState("");
  const [formUrl, setFormUrl] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [audience, setAudience] = useState<Pick<SurveyForm, "audienceKind" | "roles" | "groups">>({
    audienceKind: "staff",
    roles: [],
    groups: [],
  });
  const [preview, setPreview] = useState<PreviewState>({ status: "idle" });
  const [problems, setProblems] = useState<FieldProblems>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const err = (path: string) => {
    const list = problems.get(path);
    return list ? { validationMessage: list.join(" "), validationState: "error" as const } : {};
  };

  const submit = async () => {
    setError(null);
    const deadline = jstToUtc(date, time);
    const input = {
      title: title.trim(),
      description: description.trim(),
      workbook: { url: workbookUrl.trim() },
      ...(formUrl.trim() ? { formUrl: formUrl.trim() } : {}),
      audience: toAudience(audience),
      deadline: deadline ?? "",
      anonymous,
    };
    const local: FieldProblems = new Map();
    const parsed = FormsRegisterInput.safeParse(input);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join(".");
        local.set(path, [path === "title" ? t("surveys.builder.problem.required") : t("surveys.forms.invalid")]);
      }
    if (!deadline) local.set("deadline", [t("surveys.builder.problem.deadline")]);
    setProblems(local);
    if (local.size > 0) {
      announce(t("surveys.builder.problemsFound", { count: local.size }));
      return;
    }
    setBusy(true);
    try {
      const survey = await api.registerForms(input);
      announce(t("surveys.forms.registered"));
      openSurvey(survey.id);
    } catch (e) {
      if (e instanceof ApiError && e.code === "VALIDATION_FAILED") setProblems(problemsFromIssues(e.details, lang));
      const text = pickErrorMessage(e, lang);
      setError(text);
      announce(text);
    }
    setBusy(false);
  };

  return (
    <form className={styles.form} noValidate onSubmit={(e) => e.preventDefault()} data-testid="survey-forms-form">
      <ViewHeading>{t("surveys.views.forms")}</ViewHeading>
      <Body1 as="p">{t("surveys.forms.intro")}</Body1>
      <Field label={t("surveys.builder.title")} required {...err("title")}>
        <Input value={title} maxLength={120} onChange={(_, d) => setTitle(d.value)} />
      </Field>
      <Field label={t("surveys.builder.description")} {...err("description")}>
        <Textarea value={description} maxLength={2000} onChange={(_, d) => setDescription(d.value)} />
      </Field>
      <Field
        label={t("surveys.forms.workbookUrl")}
        hint={t("surveys.forms.workbookHint")}
        required
        {...err("workbook.url")}
        {...err("workbook")}
      >
        <Input
          type="url"
          value={workbookUrl}
          onChange={(_, d) => setWorkbookUrl(d.value)}
          data-testid="survey-forms-workbook"
        />
      </Field>
      <Field label={t("surveys.forms.formUrl")} hint={t("surveys.forms.formUrlHint")} {...err("formUrl")}>
        <Input type="url" value={formUrl} onChange={(_, d) => setFormUrl(d.value)} />
      </Field>
      <Checkbox
        label={t("surveys.builder.anonymous")}
        checked={anonymous}
        onChange={(_, d) => setAnonymous(d.checked === true)}
      />
      <div className={styles.row}>
        <Field label={t("surveys.builder.deadlineDate")} required {...err("deadline")}>
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
        <Field label={t("surveys.builder.deadlineTime")} required hint={t("surveys.builder.jst")}>
          <Input type="time" value={time} onChange={(_, d) => setTime(d.value)} />
        </Field>
      </div>
      <AudienceEditor
        value={audience}
        onChange={(v) => {
          setAudience(v);
          setPreview({ status: "idle" });
        }}
        preview={preview}
        onPreview={() => {
          setPreview({ status: "loading" });
          api.preview(toAudience(audience)).then(
            (data) => setPreview({ status: "ok", data }),
            (e: unknown) => setPreview({ status: "error", error: e }),
          );
        }}
      />
      {error && (
        <MessageBar layout="multiline" intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          onClick={() => void submit()}
          disabledFocusable={busy}
          data-testid="survey-forms-submit"
        >
          {t("surveys.forms.submit")}
        </Button>
        <Button appearance="subtle" onClick={() => go("mine")}>
          {t("surveys.back")}
        </Button>
        {busy && <Spinner size="tiny" label={t("surveys.builder.saving")} />}
      </div>
    </form>
  );
}
