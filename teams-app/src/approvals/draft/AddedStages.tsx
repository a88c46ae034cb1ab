import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Select,
  SpinButton,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { type AddedStage, ROLE_LABELS, RouteRole, type RouteTemplate } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { addedStagePositions, addedStageProblem, newAddedStage } from "../model/draft-form.js";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalM },
  stage: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  row: { display: "flex", gap: tokens.spacingHorizontalL, flexWrap: "wrap", alignItems: "end" },
  roles: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  fieldset: { border: "none", margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXXS, fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1 },
  section: { marginTop: tokens.spacingVerticalL, display: "grid", gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

const ROLES = RouteRole.options.filter((r) => r !== "boardStaff");

/**
 * The stages the drafter adds to the template's route (合議 with all / any / N of M, 回覧), where
 * the template allows it; people are resolved from the roles at submission.
 */
export function AddedStages(props: {
  template: Pick<RouteTemplate, "stages" | "drafterMay">;
  value: AddedStage[];
  onChange: (next: AddedStage[]) => void;
  showProblems: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { template, value } = props;
  const may = template.drafterMay;
  if (!may.addConsultation && !may.addCirculation && value.length === 0) return null;
  const set = (i: number, change: Partial<AddedStage>) =>
    props.onChange(value.map((s, j) => (j === i ? ({ ...s, ...change } as AddedStage) : s)));

  return (
    <section aria-labelledby="added-stages" className={styles.section}>
      <Subtitle2 as="h4" id="added-stages">
        {t("approvals.draft.added.heading")}
      </Subtitle2>
      <ol className={styles.list} data-testid="added-stages">
        {value.map((stage, i) => {
          const problem = props.showProblems ? addedStageProblem(stage) : null;
          const positions = addedStagePositions(stage.kind, template);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: added stages have no id until submitted; order is their identity
            <li key={i} className={styles.stage} data-testid="added-stage" data-kind={stage.kind}>
              <div className={styles.row}>
                <Field
                  label={t("approvals.draft.added.label")}
                  required
                  validationMessage={problem === "label" ? t("approvals.draft.added.problem.label") : undefined}
                >
                  <Input value={stage.label} maxLength={40} onChange={(_, d) => set(i, { label: d.value })} />
                </Field>
                <Field label={t("approvals.draft.added.after")}>
                  <Select
                    value={stage.after ?? ""}
                    onChange={(_, d) => set(i, { after: d.value === "" ? null : d.value })}
                  >
                    {positions.map((p) => (
                      <option key={p.after ?? ""} value={p.after ?? ""}>
                        {p.label
                          ? t("approvals.draft.added.afterStage", { label: p.label })
                          : t("approvals.draft.added.first")}
                      </option>
                    ))}
                  </Select>
                </Field>
                {stage.kind === "consultation" && (
                  <Field label={t("approvals.draft.added.rule")}>
                    <Select
                      value={stage.rule.kind}
                      onChange={(_, d) =>
                        set(i, {
                          rule: d.value === "nOfM" ? { kind: "nOfM", n: 2 } : { kind: d.value as "all" | "any" },
                        })
                      }
                      data-testid="added-stage-rule"
                    >
                      <option value="all">{t("approvals.rule.all")}</option>
                      <option value="any">{t("approvals.rule.any")}</option>
                      <option value="nOfM">{t("approvals.draft.added.nOfM")}</option>
                    </Select>
                  </Field>
                )}
                {stage.kind === "consultation" && stage.rule.kind === "nOfM" && (
                  <Field
                    label={t("approvals.draft.added.n")}
                    validationMessage={problem === "n" ? t("approvals.draft.added.problem.n") : undefined}
                  >
                    <SpinButton
                      value={stage.rule.n}
                      min={1}
                      max={60}
                      onChange={(_, d) => {
                        const n = d.value ?? Number(d.displayValue);
                        if (Number.isInteger(n)) set(i, { rule: { kind: "nOfM", n } });
                      }}
                    />
                  </Field>
                )}
              </div>
              <fieldset
                className={styles.fieldset}
                aria-describedby={problem === "roles" ? `roles-problem-${i}` : undefined}
              >
                <legend className={styles.legend}>{t("approvals.draft.added.roles")}</legend>
                <div className={styles.roles}>
                  {ROLES.map((role) => (
                    <Checkbox
                      key={role}
                      label={ROLE_LABELS[role][lang]}
                      checked={stage.roles.includes(role)}
                      onChange={(_, d) =>
                        set(i, {
                          roles: d.checked ? [...stage.roles, role].slice(0, 5) : stage.roles.filter((r) => r !== role),
                        })
                      }
                    />
                  ))}
                </div>
                {problem === "roles" && (
                  <Caption1 id={`roles-problem-${i}`} className={styles.error}>
                    {t("approvals.draft.added.problem.roles")}
                  </Caption1>
                )}
              </fieldset>
              <div>
                <Button size="small" onClick={() => props.onChange(value.filter((_, j) => j !== i))}>
                  {t("approvals.draft.added.remove", { label: stage.label || t(`approvals.stageKind.${stage.kind}`) })}
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className={styles.actions}>
        {may.addConsultation && (
          <Button
            onClick={() =>
              props.onChange([
                ...value,
                newAddedStage("consultation", template, t("approvals.draft.added.defaultConsultation")),
              ])
            }
            data-testid="add-consultation"
          >
            {t("approvals.draft.added.addConsultation")}
          </Button>
        )}
        {may.addCirculation && (
          <Button
            onClick={() =>
              props.onChange([
                ...value,
                newAddedStage("circulation", template, t("approvals.draft.added.defaultCirculation")),
              ])
            }
            data-testid="add-circulation"
          >
            {t("approvals.draft.added.addCirculation")}
          </Button>
        )}
      </div>
    </section>
  );
}
