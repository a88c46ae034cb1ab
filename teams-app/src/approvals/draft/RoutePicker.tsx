import { Caption1, Checkbox, Field, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { type AddedStage, ROLE_LABELS, type RouteTemplateView } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { removableStages } from "../model/draft-form.js";
import { AddedStages } from "./AddedStages.js";

const useStyles = makeStyles({
  stages: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalXS },
  stage: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  removed: { textDecorationLine: "line-through", color: tokens.colorNeutralForeground3 },
});

/**
 * 決裁ルート: pick a template (the school's and the board's); its stages name roles, resolved to
 * people at submission. The drafter may leave out the stages the template marks optional.
 */
export function RoutePicker(props: {
  templates: RouteTemplateView[];
  templateId: string;
  removed: string[];
  onTemplate: (id: string) => void;
  onRemoved: (ids: string[]) => void;
  added: AddedStage[];
  onAdded: (stages: AddedStage[]) => void;
  invalid: boolean;
  showStageProblems: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const chosen = props.templates.find((v) => v.template.id === props.templateId)?.template;
  const removable = chosen ? removableStages(chosen) : [];
  return (
    <div>
      <Field
        label={t("approvals.draft.template")}
        required
        validationMessage={props.invalid ? t("approvals.draft.problem.template") : undefined}
        hint={chosen?.description || undefined}
      >
        <Select value={props.templateId} onChange={(_, d) => props.onTemplate(d.value)} data-testid="template-picker">
          <option value="">{t("approvals.draft.chooseTemplate")}</option>
          {props.templates
            .filter((v) => v.template.active)
            .map((v) => (
              <option key={v.template.id} value={v.template.id}>
                {v.template.name}
                {v.shared ? ` ${t("approvals.draft.sharedTemplate")}` : ""}
              </option>
            ))}
        </Select>
      </Field>
      {chosen && (
        <ol className={styles.stages} aria-label={t("approvals.draft.routePreview")} data-testid="route-preview">
          {chosen.stages.map((s) => {
            const off = props.removed.includes(s.id);
            const roles = s.roles.map((r) => ROLE_LABELS[r][lang]).join("・");
            return (
              <li key={s.id} className={styles.stage}>
                <Text className={off ? styles.removed : undefined}>
                  {s.label}（{t(`approvals.stageKind.${s.kind}`)}）
                </Text>
                <Caption1>{roles}</Caption1>
                {removable.includes(s.id) && (
                  <Checkbox
                    label={t("approvals.draft.includeStage", { label: s.label })}
                    checked={!off}
                    onChange={(_, d) =>
                      props.onRemoved(d.checked ? props.removed.filter((id) => id !== s.id) : [...props.removed, s.id])
                    }
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      {chosen && (
        <AddedStages
          template={chosen}
          value={props.added}
          onChange={props.onAdded}
          showProblems={props.showStageProblems}
        />
      )}
    </div>
  );
}
