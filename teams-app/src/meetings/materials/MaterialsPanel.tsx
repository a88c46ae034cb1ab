import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  ProgressBar,
  Select,
  Spinner,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import type { Classification, Material, MeetingView } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, pickErrorMessage } from "../../api/errors.js";
import { FileDropZone } from "../../app/FileDropZone.js";
import { useLang } from "../../app/useLang.js";
import { MaterialItem } from "../common/MaterialItem.js";
import { useMeetings } from "../common/MeetingsContext.js";
import { MATERIAL_ACCEPT, materialsByItem, refusalOf } from "../model/materials.js";
import { ReplaceMaterial } from "./ReplaceMaterial.js";
import { type Staged, useMaterialUploads } from "./useMaterialUploads.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalL, minWidth: 0 },
  block: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  list: { margin: 0, padding: 0, listStyle: "none", display: "grid", gap: tokens.spacingVerticalS },
  staged: {
    display: "grid",
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: "minmax(12rem, 2fr) minmax(8rem, 1fr) minmax(10rem, 1fr) auto",
    alignItems: "end",
    "@media (max-width: 900px)": { gridTemplateColumns: "1fr 1fr" },
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
});

const CLASSES: Classification[] = ["III", "II", "I"];

/**
 * 資料 (chairs): drop files on an agenda item or the materials list; each is staged through the
 * records upload with progress, then titled, classified (III default; II/I allowed) and registered
 * (POST …/materials). Each material can get a new version with a change note. Refusals
 * (FILE_TYPE_MISMATCH, PDF_ENCRYPTED, FILE_TOO_LARGE …) are shown on the file's row.
 */
export default function MaterialsPanel(props: { meeting: MeetingView; onChange: (m: MeetingView) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { meeting } = props;
  const uploads = useMaterialUploads();
  const { byItem, unattached } = materialsByItem(meeting.agenda, meeting.materials);
  const targets = [
    { id: "", title: t("meetings.materials.noItem") },
    ...meeting.agenda.map((a) => ({ id: a.id, title: a.title })),
  ];
  const zone = (agendaItemId: string, label: string) => (
    <FileDropZone
      multiple
      accept={MATERIAL_ACCEPT}
      label={label}
      button={t("meetings.materials.pick")}
      hint={t("meetings.materials.hint")}
      onFiles={(files) => uploads.add(files, agendaItemId)}
      testId={agendaItemId ? `material-drop-${agendaItemId}` : "material-drop"}
    />
  );
  const stagedFor = (id: string) => uploads.items.filter((s) => s.agendaItemId === id);
  return (
    <div className={styles.wrap} data-testid="meeting-materials">
      {meeting.agenda.map((a, i) => (
        <section key={a.id} className={styles.block} aria-labelledby={`mat-item-${a.id}`}>
          <h3 id={`mat-item-${a.id}`} className={styles.heading}>
            {i + 1}. {a.title}
          </h3>
          <MaterialRows meeting={meeting} materials={byItem.get(a.id) ?? []} onChange={props.onChange} />
          <StagedRows
            meeting={meeting}
            items={stagedFor(a.id)}
            uploads={uploads}
            targets={targets}
            onChange={props.onChange}
          />
          {zone(a.id, t("meetings.materials.dropOnItem", { title: a.title }))}
        </section>
      ))}
      <section className={styles.block} aria-labelledby="mat-other">
        <h3 id="mat-other" className={styles.heading}>
          {t("meetings.materials.list")}
        </h3>
        <MaterialRows meeting={meeting} materials={unattached} onChange={props.onChange} />
        <StagedRows
          meeting={meeting}
          items={stagedFor("")}
          uploads={uploads}
          targets={targets}
          onChange={props.onChange}
        />
        {zone("", t("meetings.materials.drop"))}
      </section>
    </div>
  );
}

function MaterialRows(props: { meeting: MeetingView; materials: Material[]; onChange: (m: MeetingView) => void }) {
  const styles = useStyles();
  const [replacing, setReplacing] = useState<string | null>(null);
  const { t } = useTranslation();
  if (props.materials.length === 0) return null;
  return (
    <ul className={styles.list}>
      {props.materials.map((m) => (
        <li key={m.id}>
          <div className={styles.actions}>
            <MaterialItem meetingId={props.meeting.id} material={m} />
            {m.changeNote && <Caption1>{t("meetings.materials.changeNoteShown", { note: m.changeNote })}</Caption1>}
            <Button
              size="small"
              onClick={() => setReplacing(replacing === m.id ? null : m.id)}
              aria-expanded={replacing === m.id}
              data-testid="material-replace"
            >
              {t("meetings.materials.replace", { version: m.version + 1 })}
            </Button>
          </div>
          {replacing === m.id && (
            <ReplaceMaterial
              meeting={props.meeting}
              material={m}
              onDone={(next) => {
                props.onChange(next);
                setReplacing(null);
              }}
              onCancel={() => setReplacing(null)}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

function StagedRows(props: {
  meeting: MeetingView;
  items: Staged[];
  uploads: ReturnType<typeof useMaterialUploads>;
  targets: { id: string; title: string }[];
  onChange: (m: MeetingView) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce } = useMeetings();
  const [busy, setBusy] = useState<string | null>(null);
  if (props.items.length === 0) return null;
  const register = async (s: Staged & { status: "staged" }) => {
    setBusy(s.key);
    try {
      const next = await api.addMaterial(props.meeting, {
        uploadId: s.uploadId,
        title: s.title.trim() || s.name,
        classification: s.classification,
        ...(s.agendaItemId ? { agendaItemId: s.agendaItemId } : {}),
      });
      props.onChange(next);
      props.uploads.remove(s.key);
      announce(t("meetings.materials.added", { title: s.title }));
    } catch (e) {
      props.uploads.fail(s.key, e instanceof ApiError ? e.code : "UNEXPECTED", pickErrorMessage(e, lang));
      announce(pickErrorMessage(e, lang));
    } finally {
      setBusy(null);
    }
  };
  return (
    <ul className={styles.list} aria-label={t("meetings.materials.stagedLabel")}>
      {props.items.map((s) => (
        <li key={s.key} data-testid="material-staged" data-status={s.status}>
          {s.status === "uploading" && (
            <Field label={s.name} validationState="none" hint={t("meetings.materials.uploading")}>
              <ProgressBar value={s.progress} max={1} aria-label={t("meetings.materials.progress", { name: s.name })} />
            </Field>
          )}
          {s.status === "failed" && <Refusal staged={s} onDismiss={() => props.uploads.remove(s.key)} />}
          {s.status === "staged" && (
            <div className={styles.staged}>
              <Field label={t("meetings.materials.title")} required hint={s.name}>
                <Input
                  value={s.title}
                  onChange={(_, d) => props.uploads.patch(s.key, (x) => ({ ...x, title: d.value }))}
                  data-testid="material-title"
                />
              </Field>
              <Field label={t("meetings.materials.classification")}>
                <Select
                  value={s.classification}
                  onChange={(_, d) =>
                    props.uploads.patch(s.key, (x) => ({ ...x, classification: d.value as Classification }))
                  }
                  data-testid="material-classification"
                >
                  {CLASSES.map((c) => (
                    <option key={c} value={c}>
                      {t(`meetings.materials.class.${c}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t("meetings.materials.item")}>
                <Select
                  value={s.agendaItemId}
                  onChange={(_, d) => props.uploads.patch(s.key, (x) => ({ ...x, agendaItemId: d.value }))}
                >
                  {props.targets.map((target) => (
                    <option key={target.id} value={target.id}>
                      {target.title}
                    </option>
                  ))}
                </Select>
              </Field>
              <div className={styles.actions}>
                <Button
                  appearance="primary"
                  disabledFocusable={busy === s.key || !s.title.trim()}
                  onClick={() => void register(s)}
                  data-testid="material-register"
                >
                  {busy === s.key ? <Spinner size="tiny" /> : t("meetings.materials.register")}
                </Button>
                <Button onClick={() => props.uploads.remove(s.key)} disabled={busy === s.key}>
                  {t("meetings.materials.discard")}
                </Button>
              </div>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function Refusal({ staged, onDismiss }: { staged: Staged & { status: "failed" }; onDismiss: () => void }) {
  const { t } = useTranslation();
  const refusal = refusalOf(staged.code);
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="material-refused" data-code={staged.code}>
      <MessageBarBody>
        <MessageBarTitle>{t("meetings.materials.refused", { name: staged.name })}</MessageBarTitle>
        <Body1 as="p">{staged.message}</Body1>
        {refusal && <Body1 as="p">{t(`meetings.refusal.${refusal}`)}</Body1>}
      </MessageBarBody>
      <Button size="small" onClick={onDismiss}>
        {t("meetings.materials.dismiss")}
      </Button>
    </MessageBar>
  );
}
