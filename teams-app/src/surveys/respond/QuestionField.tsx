import {
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import type { AnswerValue, Question } from "@komu/shared";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { toggleChoice } from "../model/answer-form.js";

const useStyles = makeStyles({
  fieldset: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
    display: "grid",
    gap: tokens.spacingVerticalXS,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingInline: tokens.spacingHorizontalXS },
  error: { color: tokens.colorPaletteRedForeground1 },
  scale: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  narrow: { maxWidth: "14rem" },
});

export interface QuestionFieldProps {
  question: Question;
  index: number;
  value: AnswerValue | undefined;
  /** The number field's text as typed (numbers only). */
  text: string;
  problems: string[];
  readOnly: boolean;
  onChange: (value: AnswerValue | undefined, text?: string) => void;
}

/** One question with a labelled control for its type; its problems (the server's or the form's) beneath it. */
export function QuestionField(props: QuestionFieldProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { question: q, value, readOnly } = props;
  const label = `${props.index + 1}. ${q.title}`;
  const errorId = `answer-${q.id}-error`;
  const descId = `answer-${q.id}-desc`;
  const invalid = props.problems.length > 0;
  const message = invalid ? props.problems.join(" ") : undefined;
  const required = q.required;
  const describe = [q.description ? descId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  const desc = q.description ? <Caption1 id={descId}>{q.description}</Caption1> : null;
  const err = invalid ? (
    <Caption1 id={errorId} className={styles.error} role="alert">
      {message}
    </Caption1>
  ) : null;

  // Choice types: a fieldset with a legend, so that the question is read with each option.
  if (q.type === "single" || q.type === "yesNo" || q.type === "rating" || q.type === "multiple") {
    const options =
      q.type === "yesNo"
        ? [
            { id: "yes", label: t("surveys.yes") },
            { id: "no", label: t("surveys.no") },
          ]
        : q.type === "rating"
          ? Array.from({ length: q.scale }, (_, i) => {
              const n = i + 1;
              const end = n === 1 ? q.lowLabel : n === q.scale ? q.highLabel : undefined;
              return { id: String(n), label: end ? `${n}（${end}）` : String(n) };
            })
          : q.choices;
    const selected =
      q.type === "yesNo"
        ? value === true
          ? "yes"
          : value === false
            ? "no"
            : ""
        : q.type === "rating"
          ? typeof value === "number"
            ? String(value)
            : ""
          : typeof value === "string"
            ? value
            : "";
    return (
      <fieldset
        className={styles.fieldset}
        aria-describedby={describe}
        aria-invalid={invalid || undefined}
        data-testid="answer-question"
        data-question-id={q.id}
      >
        <legend className={styles.legend}>
          {label}
          {required && ` ${t("surveys.respond.requiredMark")}`}
        </legend>
        {desc}
        {q.type === "multiple" ? (
          <div>
            {q.maxSelected !== undefined && (
              <Caption1 block>{t("surveys.respond.maxSelected", { n: q.maxSelected })}</Caption1>
            )}
            {q.choices.map((c) => (
              <Checkbox
                key={c.id}
                label={c.label}
                disabled={readOnly}
                checked={Array.isArray(value) && value.includes(c.id)}
                onChange={(_, d) => props.onChange(toggleChoice(q, value, c.id, d.checked === true))}
              />
            ))}
          </div>
        ) : (
          <div className={q.type === "rating" ? styles.scale : undefined}>
            <RadioGroup
              layout={q.type === "single" ? "vertical" : "horizontal"}
              value={selected}
              disabled={readOnly}
              aria-label={label}
              onChange={(_, d) =>
                props.onChange(q.type === "yesNo" ? d.value === "yes" : q.type === "rating" ? Number(d.value) : d.value)
              }
            >
              {options.map((o) => (
                <Radio key={o.id} value={o.id} label={o.label} />
              ))}
            </RadioGroup>
          </div>
        )}
        {err}
      </fieldset>
    );
  }

  const fieldProps = {
    // Field marks required (＊ and aria-required) itself.
    label,
    required,
    ...(q.description ? { hint: q.description } : {}),
    ...(invalid ? { validationMessage: message, validationState: "error" as const } : {}),
  };
  const wrap = (control: ReactNode) => (
    <div data-testid="answer-question" data-question-id={q.id}>
      <Field {...fieldProps}>{control}</Field>
    </div>
  );
  switch (q.type) {
    case "shortText":
      return wrap(
        <Input
          value={typeof value === "string" ? value : ""}
          readOnly={readOnly}
          onChange={(_, d) => props.onChange(d.value)}
        />,
      );
    case "longText": {
      const length = typeof value === "string" ? [...value].length : 0;
      return wrap(
        <>
          <Textarea
            value={typeof value === "string" ? value : ""}
            readOnly={readOnly}
            resize="vertical"
            rows={5}
            onChange={(_, d) => props.onChange(d.value)}
          />
          <Caption1 aria-live="polite">{t("surveys.respond.length", { n: length, max: q.maxLength })}</Caption1>
        </>,
      );
    }
    case "number":
      return wrap(
        <Input
          className={styles.narrow}
          inputMode={q.integer ? "numeric" : "decimal"}
          value={props.text}
          readOnly={readOnly}
          {...(q.unit ? { contentAfter: <span>{q.unit}</span> } : {})}
          onChange={(_, d) => props.onChange(undefined, d.value)}
        />,
      );
    case "date":
      return wrap(
        <Input
          type="date"
          className={styles.narrow}
          value={typeof value === "string" ? value : ""}
          readOnly={readOnly}
          {...(q.min ? { min: q.min } : {})}
          {...(q.max ? { max: q.max } : {})}
          onChange={(_, d) => props.onChange(d.value)}
        />,
      );
  }
}
