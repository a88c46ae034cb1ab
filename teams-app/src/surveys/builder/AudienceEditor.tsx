import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Radio,
  RadioGroup,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { type AudiencePreview, ROLE_LABELS, type Role, STAFF_ROLES } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useSurveys } from "../common/SurveysContext.js";
import { gradesOf, isSelected, toggleGroup } from "../model/audience.js";
import type { AudienceKind, SurveyForm } from "../model/builder.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalS },
  fieldset: { border: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalXS },
  grade: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalXS },
  checks: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  preview: { display: "grid", gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

type AudienceFields = Pick<SurveyForm, "audienceKind" | "roles" | "groups">;

export type PreviewState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ok"; data: AudiencePreview }
  | { status: "error"; error: unknown };

/** 配信対象: 教職員 (all or some roles), 児童生徒 or 保護者 (grades/classes from the roster), and the preview. */
export function AudienceEditor(props: {
  value: AudienceFields;
  onChange: (v: AudienceFields) => void;
  preview: PreviewState;
  onPreview: () => void;
  problem?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { value } = props;
  const set = (patch: Partial<AudienceFields>) => props.onChange({ ...value, ...patch });
  return (
    <div className={styles.wrap}>
      <Field label={t("surveys.builder.audience")} {...(props.problem ? { validationMessage: props.problem } : {})}>
        <RadioGroup
          layout="horizontal"
          value={value.audienceKind}
          onChange={(_, d) => set({ audienceKind: d.value as AudienceKind, roles: [], groups: [] })}
        >
          <Radio value="staff" label={t("surveys.audience.staff")} />
          <Radio value="students" label={t("surveys.audience.students")} />
          <Radio value="guardians" label={t("surveys.audience.guardians")} />
        </RadioGroup>
      </Field>
      {value.audienceKind === "staff" ? (
        <fieldset className={styles.fieldset}>
          <legend>{t("surveys.audience.roles")}</legend>
          <Caption1>{t("surveys.audience.rolesHint")}</Caption1>
          <div className={styles.checks}>
            {STAFF_ROLES.filter((r) => r !== "boardStaff").map((role: Role) => (
              <Checkbox
                key={role}
                label={ROLE_LABELS[role][lang]}
                checked={value.roles.includes(role)}
                onChange={(_, d) =>
                  set({
                    roles: d.checked === true ? [...value.roles, role] : value.roles.filter((r) => r !== role),
                  })
                }
              />
            ))}
          </div>
        </fieldset>
      ) : (
        <ClassPicker value={value} onChange={(groups) => set({ groups })} />
      )}
      <div className={styles.preview}>
        <div>
          <Button size="small" onClick={props.onPreview} data-testid="survey-audience-preview">
            {t("surveys.audience.preview")}
          </Button>
        </div>
        <PreviewResult state={props.preview} />
      </div>
    </div>
  );
}

function PreviewResult({ state }: { state: PreviewState }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  if (state.status === "idle") return null;
  if (state.status === "loading") return <Spinner size="tiny" label={t("surveys.audience.previewing")} />;
  if (state.status === "error") return <ErrorPanel error={state.error} />;
  const p = state.data;
  return (
    <div data-testid="survey-audience-result" className={styles.preview}>
      <Body1>{t("surveys.audience.count", { count: p.recipients })}</Body1>
      {p.groups.length > 0 && (
        <ul className={styles.list}>
          {p.groups.map((g) => (
            <li key={g.label}>{t("surveys.audience.groupCount", { label: g.label, count: g.count })}</li>
          ))}
        </ul>
      )}
      {p.warnings.map((w) => (
        <MessageBar key={w.ja} layout="multiline" intent="warning">
          <MessageBarBody>{w[lang]}</MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}

/** 学年・組 from GET …/roster/classes; empty selection = the whole school. */
function ClassPicker(props: { value: AudienceFields; onChange: (groups: AudienceFields["groups"]) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { api } = useSurveys();
  const [classes, reload] = useLoad(() => api.rosterClasses(), [api]);
  const groups = props.value.groups;
  if (classes.status === "loading") return <Spinner size="tiny" label={t("app.loading")} />;
  if (classes.status === "error") {
    if (classes.error instanceof ApiError && classes.error.status === 404)
      return (
        <MessageBar layout="multiline" intent="warning" data-testid="survey-roster-missing">
          <MessageBarBody>{t("surveys.audience.noRoster")}</MessageBarBody>
        </MessageBar>
      );
    return <ErrorPanel error={classes.error} onRetry={reload} />;
  }
  const grades = gradesOf(classes.data.classes);
  if (grades.length === 0)
    return (
      <MessageBar layout="multiline" intent="warning" data-testid="survey-roster-missing">
        <MessageBarBody>{t("surveys.audience.noRoster")}</MessageBarBody>
      </MessageBar>
    );
  return (
    <fieldset className={styles.fieldset}>
      <legend>{t("surveys.audience.groups")}</legend>
      <Caption1>{t("surveys.audience.groupsHint")}</Caption1>
      {grades.map((g) => {
        const whole = isSelected(groups, g.grade);
        return (
          <fieldset
            key={g.grade}
            className={`${styles.fieldset} ${styles.grade}`}
            aria-label={t("surveys.audience.gradeN", { n: g.grade })}
          >
            <Checkbox
              label={t("surveys.audience.wholeGrade", { n: g.grade })}
              checked={whole}
              onChange={(_, d) => props.onChange(toggleGroup(groups, g.grade, undefined, d.checked === true))}
            />
            {g.classes.map((c) => (
              <Checkbox
                key={c}
                label={t("surveys.audience.classN", { grade: g.grade, n: c })}
                checked={whole || isSelected(groups, g.grade, c)}
                disabled={whole}
                onChange={(_, d) => props.onChange(toggleGroup(groups, g.grade, c, d.checked === true))}
              />
            ))}
          </fieldset>
        );
      })}
    </fieldset>
  );
}
