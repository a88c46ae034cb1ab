import { Body1, Button, MessageBar, MessageBarBody, makeStyles, Spinner, tokens } from "@fluentui/react-components";
import { type Answers, type AnswerValue, type MyResponse, visibleQuestionIds } from "@komu/shared";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { ViewHeading } from "../../app/ViewHeading.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useSurveys } from "../common/SurveysContext.js";
import { answersToSend, numberAnswer, problemsByQuestion } from "../model/answer-form.js";
import { QuestionField } from "./QuestionField.js";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "46rem" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  description: { whiteSpace: "pre-wrap" },
});

/** Answer a survey in the tab (/surveys/answer/<school>/<survey>, or ?view=respond&survey=). */
export default function RespondView({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation();
  const { api, go } = useSurveys();
  const [state, setState] = useState<
    { status: "loading" } | { status: "ok"; data: MyResponse } | { status: "error"; error: unknown }
  >({ status: "loading" });
  const load = useCallback(() => {
    setState({ status: "loading" });
    api.myResponse(surveyId).then(
      (data) => setState({ status: "ok", data }),
      (error: unknown) => setState({ status: "error", error }),
    );
  }, [api, surveyId]);
  useEffect(load, [load]);
  if (state.status === "loading") return <Spinner label={t("app.loading")} />;
  if (state.status === "error")
    return (
      <div style={{ display: "grid", gap: 12 }}>
        <ErrorPanel error={state.error} onRetry={load} />
        <div>
          <Button onClick={() => go("answer")}>{t("surveys.respond.toList")}</Button>
        </div>
      </div>
    );
  return <AnswerForm initial={state.data} save={(input) => api.saveResponse(surveyId, input)} />;
}

function textsOf(data: MyResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of data.survey.questions) {
    const v = data.answers[q.id];
    if (q.type === "number" && typeof v === "number") out[q.id] = String(v);
  }
  return out;
}

function AnswerForm(props: {
  initial: MyResponse;
  save: (input: { answers: Answers; submit: boolean }) => Promise<MyResponse>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { announce, go } = useSurveys();
  const [data, setData] = useState(props.initial);
  const [answers, setAnswers] = useState<Answers>(props.initial.answers);
  const [texts, setTexts] = useState<Record<string, string>>(() => textsOf(props.initial));
  const [problems, setProblems] = useState<Map<string, string[]>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(props.initial.status !== "submitted");
  const [notice, setNotice] = useState<string | null>(null);
  const survey = data.survey;
  const open = survey.acceptsAnswers;
  const readOnly = !open || !editing;
  const visible = visibleQuestionIds(survey.questions, answers);

  const change = (id: string, value: AnswerValue | undefined, text?: string) => {
    if (text !== undefined) {
      setTexts((x) => ({ ...x, [id]: text }));
      const n = numberAnswer(text);
      value = typeof n === "number" ? n : undefined;
    }
    setAnswers((a) => {
      const next = { ...a };
      if (value === undefined) delete next[id];
      else next[id] = value;
      return next;
    });
    setProblems((p) => {
      if (!p.has(id)) return p;
      const next = new Map(p);
      next.delete(id);
      return next;
    });
  };

  const send = async (submit: boolean) => {
    setError(null);
    setNotice(null);
    // Numbers that are not numbers are the form's own problem (never sent).
    const local = new Map<string, string[]>();
    for (const q of survey.questions)
      if (q.type === "number" && visible.has(q.id) && numberAnswer(texts[q.id] ?? "") === "invalid")
        local.set(q.id, [t("surveys.respond.notNumber")]);
    if (local.size > 0) {
      setProblems(local);
      announce(t("surveys.respond.problems", { count: local.size }));
      focusFirst(local);
      return;
    }
    setBusy(true);
    try {
      const saved = await props.save({ answers: answersToSend(survey.questions, answers), submit });
      setData(saved);
      setAnswers(saved.answers);
      setTexts(textsOf(saved));
      setProblems(new Map());
      const text = submit ? t("surveys.respond.submitted") : t("surveys.respond.savedPartial");
      setNotice(text);
      announce(text);
      if (submit) setEditing(false);
    } catch (e) {
      if (e instanceof ApiError && e.code === "SURVEY_ANSWER_INVALID") {
        const found = problemsByQuestion(e.details, lang);
        setProblems(found);
        announce(t("surveys.respond.problems", { count: found.size }));
        focusFirst(found);
      }
      const text = pickErrorMessage(e, lang);
      setError(text);
      if (!(e instanceof ApiError && e.code === "SURVEY_ANSWER_INVALID")) announce(text);
      if (e instanceof ApiError && (e.code === "SURVEY_CLOSED" || e.code === "SURVEY_NOT_OPEN"))
        setData((d) => ({ ...d, survey: { ...d.survey, acceptsAnswers: false } }));
    }
    setBusy(false);
  };

  return (
    <form className={styles.form} noValidate onSubmit={(e) => e.preventDefault()} data-testid="survey-respond">
      <ViewHeading>{survey.title}</ViewHeading>
      {survey.description && (
        <Body1 as="p" className={styles.description}>
          {survey.description}
        </Body1>
      )}
      <Body1 as="p">
        {t("surveys.detail.deadline", { date: formatInstant(survey.deadline, lang) })}
        {survey.anonymous && ` · ${t("surveys.respond.anonymous")}`}
        {data.about && ` · ${t("surveys.respond.about", { name: data.about })}`}
      </Body1>
      {!open && (
        <MessageBar layout="multiline" intent="warning" data-testid="survey-respond-closed">
          <MessageBarBody>{t("surveys.respond.closed")}</MessageBarBody>
        </MessageBar>
      )}
      {data.status === "submitted" && (
        <MessageBar layout="multiline" intent="success" data-testid="survey-respond-submitted">
          <MessageBarBody>
            {t("surveys.respond.submittedAt", { at: data.submittedAt ? formatInstant(data.submittedAt, lang) : "" })}
          </MessageBarBody>
        </MessageBar>
      )}
      {data.status === "partial" && open && (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>{t("surveys.respond.partialSaved")}</MessageBarBody>
        </MessageBar>
      )}
      {survey.answerInForms && (
        <MessageBar layout="multiline" intent="info" data-testid="survey-respond-forms">
          <MessageBarBody>
            {t("surveys.respond.inForms")}{" "}
            {survey.formUrl && (
              <a href={survey.formUrl} target="_blank" rel="noreferrer">
                {t("surveys.respond.openForms")}
              </a>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {!survey.answerInForms &&
        survey.questions
          .filter((q) => visible.has(q.id))
          .map((q) => (
            <QuestionField
              key={q.id}
              question={q}
              index={survey.questions.indexOf(q)}
              value={answers[q.id]}
              text={texts[q.id] ?? ""}
              problems={problems.get(q.id) ?? []}
              readOnly={readOnly}
              onChange={(v, text) => change(q.id, v, text)}
            />
          ))}
      {error && (
        <MessageBar layout="multiline" intent="error" role="alert" data-testid="survey-respond-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar layout="multiline" intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        {open && editing && !survey.answerInForms && (
          <>
            <Button
              appearance="primary"
              onClick={() => void send(true)}
              disabledFocusable={busy}
              data-testid="survey-submit"
            >
              {t("surveys.respond.submit")}
            </Button>
            {data.status !== "submitted" && (
              <Button onClick={() => void send(false)} disabledFocusable={busy} data-testid="survey-save-partial">
                {t("surveys.respond.savePartial")}
              </Button>
            )}
          </>
        )}
        {open && !editing && (
          <Button appearance="primary" onClick={() => setEditing(true)} data-testid="survey-change-answer">
            {t("surveys.respond.change")}
          </Button>
        )}
        <Button appearance="subtle" onClick={() => go("answer")}>
          {t("surveys.respond.toList")}
        </Button>
        {busy && <Spinner size="tiny" label={t("surveys.respond.sending")} />}
      </div>
    </form>
  );
}

/** Focus the first question with a problem (its first control). */
function focusFirst(problems: Map<string, string[]>) {
  const first = [...problems.keys()][0];
  if (!first) return;
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(
      `[data-question-id="${CSS.escape(first)}"] input, [data-question-id="${CSS.escape(first)}"] textarea`,
    );
    el?.focus();
  });
}
