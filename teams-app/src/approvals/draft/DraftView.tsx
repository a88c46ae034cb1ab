import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Subtitle2,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { type ApprovalDetailView, findCategory, jstDateString } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { FileDropZone } from "../../app/FileDropZone.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { CategoryPicker } from "../../records/common/CategoryPicker.js";
import { ClassificationSelect } from "../../records/common/ClassificationSelect.js";
import { formatBytes } from "../../records/model/file-checks.js";
import { newKey } from "../api/approvals-api.js";
import { useApprovals } from "../common/ApprovalsContext.js";
import {
  type DraftForm,
  draftCreateInput,
  draftFromApproval,
  draftProblems,
  draftUpdateInput,
  emptyDraft,
} from "../model/draft-form.js";
import {
  MAIN_ACCEPT,
  MAX_MAIN_IMAGES,
  type MainDropProblem,
  mainKind,
  planMainDrop,
  splitMain,
} from "../model/main-files.js";
import { RoutePicker } from "./RoutePicker.js";
import { StagedList } from "./StagedList.js";
import { useStagedFiles } from "./useStagedFiles.js";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "960px" },
  grid: {
    display: "grid",
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: "repeat(auto-fit, minmax(240px, 1fr))",
    alignItems: "start",
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", flexWrap: "wrap" },
});

const ATTACHMENT_ACCEPT = ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.csv,.txt";
/** The API's limit (PDF_LIMITS.maxBytes of the sealing module): a bigger main PDF cannot be sealed. */
const MAIN_MAX_BYTES = 50 * 1024 * 1024;

/** 起案: the main document (one PDF, or images made into one PDF, a page each), attachments, title, 文書分類, 重要性分類, due date, comment, route; save a draft or submit. */
export default function DraftView(props: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { api, plan, reloadPlan } = useApprovals();
  const [templates, reloadTemplates] = useLoad(() => api.templates(), [api]);
  if (plan.status === "loading" || templates.status === "loading") return <Spinner label={t("app.loading")} />;
  if (plan.status === "error") return <ErrorPanel error={plan.error} onRetry={reloadPlan} />;
  if (templates.status === "error") return <ErrorPanel error={templates.error} onRetry={reloadTemplates} />;
  return <DraftFormView plan={plan.data.plan} templates={templates.data.items} onCreated={props.onCreated} />;
}

/** The form, for a new draft or (with `existing`) to edit one that is 起案中 / 差し戻し / 引戻し. */
export function DraftFormView(props: {
  plan: Parameters<typeof CategoryPicker>[0]["plan"];
  templates: Parameters<typeof RoutePicker>[0]["templates"];
  existing?: ApprovalDetailView;
  onCreated: (id: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce } = useApprovals();
  const existing = props.existing?.approval;
  const [form, setForm] = useState<DraftForm>(() =>
    existing
      ? draftFromApproval(existing)
      : emptyDraft(props.templates.find((v) => v.template.active)?.template.id ?? ""),
  );
  const main = useStagedFiles(existing?.main ? [existing.main] : []);
  const attachments = useStagedFiles(existing?.attachments ?? []);
  const [tried, setTried] = useState<"save" | "submit" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(newKey);
  const [mainProblem, setMainProblem] = useState<MainDropProblem | null>(null);

  const dropMain = (files: File[]) => {
    const staged = main.items.filter((i) => i.status !== "failed");
    const plan = planMainDrop(
      staged.map((i) => mainKind({ name: i.status === "done" ? i.file.fileName : i.name })),
      files,
    );
    if (!plan.ok) {
      setMainProblem(plan.problem);
      announce(t(`approvals.draft.mainProblem.${plan.problem}`, { max: MAX_MAIN_IMAGES }));
      return;
    }
    setMainProblem(null);
    main.add(files, plan.replace);
  };

  const current: DraftForm = { ...form, ...splitMain(main.done), attachments: attachments.done };
  const template = props.templates.find((v) => v.template.id === form.templateId)?.template;
  const problems = tried ? draftProblems(current, tried === "submit", jstDateString(new Date())) : [];
  const problem = (p: (typeof problems)[number]) =>
    problems.includes(p) ? t(`approvals.draft.problem.${p}`) : undefined;
  const category = form.categoryCode ? findCategory(props.plan, form.categoryCode) : undefined;
  const set = (change: Partial<DraftForm>) => setForm((f) => ({ ...f, ...change }));

  const save = async (submit: boolean) => {
    setTried(submit ? "submit" : "save");
    if (draftProblems(current, submit, jstDateString(new Date())).length > 0 || main.busy || attachments.busy) return;
    setBusy(true);
    setError(null);
    try {
      let detail = props.existing
        ? await api.update(
            { id: props.existing.approval.id, etag: props.existing.etag },
            draftUpdateInput(current, props.existing.approval, template),
          )
        : await api.create(draftCreateInput(current, template), key);
      if (submit) detail = await api.submit({ id: detail.approval.id, etag: detail.etag });
      announce(t(submit ? "approvals.draft.submitted" : "approvals.draft.saved", { title: detail.approval.title }));
      props.onCreated(detail.approval.id);
    } catch (e) {
      setError(pickErrorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => e.preventDefault()} aria-labelledby="draft-heading" noValidate>
      <Subtitle2 as="h2" id="draft-heading">
        {existing ? t("approvals.draft.editHeading") : t("approvals.draft.heading")}
      </Subtitle2>
      <section aria-labelledby="draft-main">
        <Subtitle2 as="h3" id="draft-main">
          {t("approvals.draft.main")}
        </Subtitle2>
        <FileDropZone
          onFiles={dropMain}
          accept={MAIN_ACCEPT}
          multiple
          label={t("approvals.draft.mainDrop")}
          button={t("approvals.draft.mainPick")}
          hint={t("approvals.draft.mainHint", { limit: formatBytes(MAIN_MAX_BYTES), max: MAX_MAIN_IMAGES })}
          disabled={busy}
          testId="draft-main-drop"
        />
        {mainProblem && (
          <MessageBar intent="warning" data-testid="draft-main-problem">
            <MessageBarBody>{t(`approvals.draft.mainProblem.${mainProblem}`, { max: MAX_MAIN_IMAGES })}</MessageBarBody>
          </MessageBar>
        )}
        <StagedList
          items={main.items}
          onRemove={(k) => {
            setMainProblem(null);
            main.remove(k);
          }}
          onMove={main.move}
          testId="draft-main-files"
        />
        {problem("main") && (
          <MessageBar intent="error">
            <MessageBarBody>{problem("main")}</MessageBarBody>
          </MessageBar>
        )}
      </section>
      <Field label={t("approvals.draft.title")} required validationMessage={problem("title")}>
        <Input
          value={form.title}
          onChange={(_, d) => set({ title: d.value })}
          maxLength={200}
          data-testid="draft-title"
        />
      </Field>
      <div className={styles.grid}>
        <CategoryPicker
          plan={props.plan}
          value={form.categoryCode}
          onChange={(code) =>
            set({ categoryCode: code, classification: findCategory(props.plan, code)?.classification ?? null })
          }
          validationMessage={problem("category")}
        />
        <ClassificationSelect
          categoryDefault={category?.classification ?? null}
          value={form.classification}
          onChange={(classification) => set({ classification })}
        />
        <Field label={t("approvals.draft.dueDate")} validationMessage={problem("dueDate")}>
          <Input
            type="date"
            value={form.dueDate}
            onChange={(_, d) => set({ dueDate: d.value })}
            data-testid="draft-due"
          />
        </Field>
      </div>
      <Field label={t("approvals.draft.summary")} hint={t("approvals.draft.summaryHint")}>
        <Textarea
          value={form.summary}
          onChange={(_, d) => set({ summary: d.value })}
          maxLength={2000}
          resize="vertical"
          data-testid="draft-summary"
        />
      </Field>
      <RoutePicker
        templates={props.templates}
        templateId={form.templateId}
        removed={form.removed}
        onTemplate={(id) => set({ templateId: id, removed: [], added: [] })}
        onRemoved={(removed) => set({ removed })}
        added={form.added}
        onAdded={(added) => set({ added })}
        invalid={problems.includes("template")}
        showStageProblems={problems.includes("addedStage")}
      />
      <section aria-labelledby="draft-attachments">
        <Subtitle2 as="h3" id="draft-attachments">
          {t("approvals.draft.attachments")}
        </Subtitle2>
        <FileDropZone
          onFiles={(files) => attachments.add(files, false)}
          accept={ATTACHMENT_ACCEPT}
          label={t("approvals.draft.attachmentsDrop")}
          button={t("approvals.draft.attachmentsPick")}
          hint={t("approvals.draft.attachmentsHint")}
          multiple
          disabled={busy}
          testId="draft-attachments-drop"
        />
        <StagedList items={attachments.items} onRemove={attachments.remove} testId="draft-attachment-files" />
      </section>
      {(main.busy || attachments.busy) && (
        <MessageBar intent="info">
          <MessageBarBody>{t("approvals.draft.waitForUploads")}</MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error" data-testid="draft-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void save(true)} data-testid="draft-submit">
          {existing && existing.round > 0 ? t("approvals.decide.resubmit") : t("approvals.draft.submit")}
        </Button>
        <Button disabled={busy} onClick={() => void save(false)} data-testid="draft-save">
          {t("approvals.draft.save")}
        </Button>
        {props.onCancel && (
          <Button appearance="subtle" disabled={busy} onClick={props.onCancel} data-testid="draft-cancel">
            {t("approvals.decide.cancel")}
          </Button>
        )}
        {busy && <Spinner size="tiny" />}
      </div>
    </form>
  );
}
