import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Select,
  Subtitle2,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { QUESTION_LABELS, QUESTION_TYPES, type QuestionType } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import {
  type ConditionTarget,
  changeType,
  type FieldProblems,
  nextChoiceId,
  type QuestionDraft,
} from "../model/builder.js";

const useStyles = makeStyles({
  card: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  grow: { flexGrow: 1 },
  row: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap", alignItems: "end" },
  choice: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "end" },
  narrow: { maxWidth: "10rem" },
  fieldset: { border: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalXS },
});

export interface QuestionEditorProps {
  index: number;
  count: number;
  question: QuestionDraft;
  targets: ConditionTarget[];
  problems: FieldProblems;
  onChange: (q: QuestionDraft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  /** Where focus goes after a move: the 上へ/下へ buttons register themselves. */
  buttonRef: (kind: "up" | "down", el: HTMLElement | null) => void;
}

/** One question of the builder: type, wording, required, type settings, 表示条件, reorder and remove. */
export function QuestionEditor(props: QuestionEditorProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { question: q, index, problems } = props;
  const at = `questions.${index}`;
  const err = (path: string) => {
    const list = problems.get(path === "" ? at : `${at}.${path}`);
    return list ? { validationMessage: list.join(" "), validationState: "error" as const } : {};
  };
  const set = (patch: Partial<QuestionDraft>) => props.onChange({ ...q, ...patch });
  const headingId = `survey-q-${q.id}-heading`;
  const target = q.showIf ? props.targets.find((x) => x.questionId === q.showIf?.questionId) : undefined;
  const other = [...problems.entries()]
    .filter(([k]) => k === at || k === `${at}.id` || k === `${at}.choices`)
    .flatMap(([, v]) => v);

  return (
    <section className={styles.card} aria-labelledby={headingId} data-testid="survey-question" data-question-id={q.id}>
      <div className={styles.head}>
        <Subtitle2 as="h3" id={headingId} className={styles.grow}>
          {t("surveys.builder.questionN", { n: index + 1 })}
          {q.title ? `：${q.title}` : ""}
        </Subtitle2>
        <Button
          size="small"
          ref={(el) => props.buttonRef("up", el)}
          disabledFocusable={index === 0}
          onClick={() => props.onMove(-1)}
          aria-label={t("surveys.builder.moveUpLabel", { n: index + 1 })}
        >
          {t("surveys.builder.moveUp")}
        </Button>
        <Button
          size="small"
          ref={(el) => props.buttonRef("down", el)}
          disabledFocusable={index === props.count - 1}
          onClick={() => props.onMove(1)}
          aria-label={t("surveys.builder.moveDownLabel", { n: index + 1 })}
        >
          {t("surveys.builder.moveDown")}
        </Button>
        <Button
          size="small"
          disabledFocusable={props.count === 1}
          onClick={props.onRemove}
          aria-label={t("surveys.builder.removeLabel", { n: index + 1 })}
        >
          {t("surveys.builder.remove")}
        </Button>
      </div>
      {other.length > 0 && (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>{other.join(" ")}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Field label={t("surveys.builder.type")}>
          <Select value={q.type} onChange={(_, d) => props.onChange(changeType(q, d.value as QuestionType))}>
            {QUESTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {QUESTION_LABELS[type][lang]}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox
          label={t("surveys.builder.required")}
          checked={q.required}
          onChange={(_, d) => set({ required: d.checked === true })}
        />
      </div>
      <Field label={t("surveys.builder.questionTitle")} required {...err("title")}>
        <Input value={q.title} maxLength={200} onChange={(_, d) => set({ title: d.value })} />
      </Field>
      <Field label={t("surveys.builder.questionDescription")} {...err("description")}>
        <Textarea value={q.description} maxLength={500} onChange={(_, d) => set({ description: d.value })} />
      </Field>
      {(q.type === "single" || q.type === "multiple") && (
        <fieldset className={styles.fieldset}>
          <legend>{t("surveys.builder.choices")}</legend>
          {q.choices.map((c, ci) => (
            <div key={c.id} className={styles.choice}>
              <Field
                label={t("surveys.builder.choiceN", { n: ci + 1 })}
                className={styles.grow}
                {...err(`choices.${ci}.label`)}
              >
                <Input
                  value={c.label}
                  maxLength={100}
                  onChange={(_, d) =>
                    set({ choices: q.choices.map((x) => (x.id === c.id ? { ...x, label: d.value } : x)) })
                  }
                />
              </Field>
              <Button
                size="small"
                disabledFocusable={q.choices.length <= 2}
                onClick={() => set({ choices: q.choices.filter((x) => x.id !== c.id) })}
                aria-label={t("surveys.builder.removeChoiceLabel", { n: ci + 1 })}
              >
                {t("surveys.builder.remove")}
              </Button>
            </div>
          ))}
          <div>
            <Button
              size="small"
              disabledFocusable={q.choices.length >= 30}
              onClick={() => set({ choices: [...q.choices, { id: nextChoiceId(q.choices), label: "" }] })}
            >
              {t("surveys.builder.addChoice")}
            </Button>
          </div>
          {q.type === "multiple" && (
            <Field label={t("surveys.builder.maxSelected")} className={styles.narrow} {...err("maxSelected")}>
              <Input type="number" min={1} value={q.maxSelected} onChange={(_, d) => set({ maxSelected: d.value })} />
            </Field>
          )}
        </fieldset>
      )}
      {(q.type === "shortText" || q.type === "longText") && (
        <Field label={t("surveys.builder.maxLength")} className={styles.narrow} {...err("maxLength")}>
          <Input type="number" min={1} value={q.maxLength} onChange={(_, d) => set({ maxLength: d.value })} />
        </Field>
      )}
      {q.type === "number" && (
        <div className={styles.row}>
          <Field label={t("surveys.builder.min")} className={styles.narrow} {...err("min")}>
            <Input type="number" value={q.min} onChange={(_, d) => set({ min: d.value })} />
          </Field>
          <Field label={t("surveys.builder.max")} className={styles.narrow} {...err("max")}>
            <Input type="number" value={q.max} onChange={(_, d) => set({ max: d.value })} />
          </Field>
          <Field label={t("surveys.builder.unit")} className={styles.narrow} {...err("unit")}>
            <Input value={q.unit} maxLength={10} onChange={(_, d) => set({ unit: d.value })} />
          </Field>
          <Checkbox
            label={t("surveys.builder.integer")}
            checked={q.integer}
            onChange={(_, d) => set({ integer: d.checked === true })}
          />
        </div>
      )}
      {q.type === "date" && (
        <div className={styles.row}>
          <Field label={t("surveys.builder.dateMin")} {...err("min")}>
            <Input type="date" value={q.min} onChange={(_, d) => set({ min: d.value })} />
          </Field>
          <Field label={t("surveys.builder.dateMax")} {...err("max")}>
            <Input type="date" value={q.max} onChange={(_, d) => set({ max: d.value })} />
          </Field>
        </div>
      )}
      {q.type === "rating" && (
        <div className={styles.row}>
          <Field label={t("surveys.builder.scale")} {...err("scale")}>
            <Select value={q.scale} onChange={(_, d) => set({ scale: d.value })}>
              {[3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
                <option key={n} value={String(n)}>
                  {t("surveys.builder.scaleN", { n })}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("surveys.builder.lowLabel")} {...err("lowLabel")}>
            <Input value={q.lowLabel} maxLength={30} onChange={(_, d) => set({ lowLabel: d.value })} />
          </Field>
          <Field label={t("surveys.builder.highLabel")} {...err("highLabel")}>
            <Input value={q.highLabel} maxLength={30} onChange={(_, d) => set({ highLabel: d.value })} />
          </Field>
        </div>
      )}
      <fieldset className={styles.fieldset}>
        <legend>{t("surveys.builder.condition")}</legend>
        <Field label={t("surveys.builder.conditionQuestion")} {...err("showIf")}>
          <Select
            value={q.showIf?.questionId ?? ""}
            disabled={props.targets.length === 0 && !q.showIf}
            onChange={(_, d) => set({ showIf: d.value ? { questionId: d.value, anyOf: [] } : null })}
          >
            <option value="">{t("surveys.builder.conditionNone")}</option>
            {q.showIf && !target && <option value={q.showIf.questionId}>{q.showIf.questionId}</option>}
            {props.targets.map((x) => (
              <option key={x.questionId} value={x.questionId}>
                {x.title || x.questionId}
              </option>
            ))}
          </Select>
        </Field>
        {q.showIf && target && (
          <Field label={t("surveys.builder.conditionValues")} {...err("showIf.anyOf")}>
            <div>
              {target.values.map((v) => (
                <Checkbox
                  key={v.value}
                  label={v.label}
                  checked={q.showIf?.anyOf.includes(v.value) ?? false}
                  onChange={(_, d) => {
                    const anyOf = new Set(q.showIf?.anyOf ?? []);
                    if (d.checked === true) anyOf.add(v.value);
                    else anyOf.delete(v.value);
                    set({
                      showIf: {
                        questionId: target.questionId,
                        anyOf: target.values.map((x) => x.value).filter((x) => anyOf.has(x)),
                      },
                    });
                  }}
                />
              ))}
            </div>
          </Field>
        )}
      </fieldset>
    </section>
  );
}
