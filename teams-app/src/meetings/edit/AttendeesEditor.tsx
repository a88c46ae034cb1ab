import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Combobox,
  Field,
  makeStyles,
  Option,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { type Attendee, ROLE_LABELS, type Role, STAFF_ROLES } from "@komu/shared";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import type { LoadState } from "../../app/useLoad.js";
import type { MeetingForm } from "../model/form.js";

const useStyles = makeStyles({
  fieldset: { border: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
  checks: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  people: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  person: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    paddingInlineStart: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  preview: { display: "grid", gap: tokens.spacingVerticalXS },
  names: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    columns: "14rem",
    maxHeight: "12rem",
    overflow: "auto",
  },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

type Fields = Pick<MeetingForm, "allStaff" | "roles" | "people">;

/**
 * 出席者: 全教職員, and/or everyone of some roles (校務分掌), and/or named staff picked from the
 * school's staff list (the attendee preview of 全教職員); the preview shows who that reaches now.
 */
export function AttendeesEditor(props: {
  value: Fields;
  onChange: (v: Fields) => void;
  staff: LoadState<Attendee[]>;
  preview: LoadState<Attendee[]> | null;
  problem?: string | undefined;
  /** The id of the section heading that names the group. */
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { value } = props;
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const set = (patch: Partial<Fields>) => props.onChange({ ...value, ...patch });
  const chosen = new Set(value.people.map((p) => p.oid));
  // People saved on a meeting not yet distributed come back as ids only: name them from the staff list.
  const nameOf = (p: Attendee) =>
    p.name !== p.oid || props.staff.status !== "ok"
      ? p.name
      : (props.staff.data.find((s) => s.oid === p.oid)?.name ?? p.name);
  const options = useMemo(() => {
    if (props.staff.status !== "ok") return [];
    const q = query.trim();
    return props.staff.data.filter((s) => !chosen.has(s.oid) && (!q || s.name.includes(q))).slice(0, 50);
  }, [props.staff, query, chosen]);

  return (
    <fieldset
      className={styles.fieldset}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.problem ? "meeting-attendees-problem" : undefined}
    >
      <Checkbox
        label={t("meetings.edit.allStaff")}
        checked={value.allStaff}
        onChange={(_, d) => set({ allStaff: d.checked === true })}
        data-testid="meeting-all-staff"
      />
      <fieldset className={styles.fieldset}>
        <legend>
          <Caption1>{t("meetings.edit.rolesHint")}</Caption1>
        </legend>
        <div className={styles.checks}>
          {STAFF_ROLES.filter((r) => r !== "boardStaff").map((role: Role) => (
            <Checkbox
              key={role}
              label={ROLE_LABELS[role][lang]}
              checked={value.roles.includes(role)}
              disabled={value.allStaff}
              onChange={(_, d) =>
                set({ roles: d.checked === true ? [...value.roles, role] : value.roles.filter((r) => r !== role) })
              }
            />
          ))}
        </div>
      </fieldset>
      <Field label={t("meetings.edit.people")} hint={t("meetings.edit.peopleHint")}>
        <Combobox
          value={query}
          freeform
          open={open && options.length > 0}
          onOpenChange={(_, d) => setOpen(d.open)}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
          }}
          placeholder={props.staff.status === "loading" ? t("app.loading") : t("meetings.edit.peoplePlaceholder")}
          disabled={props.staff.status !== "ok"}
          onOptionSelect={(_, d) => {
            const person = props.staff.status === "ok" ? props.staff.data.find((s) => s.oid === d.optionValue) : null;
            if (person) set({ people: [...value.people, person] });
            setQuery("");
            setOpen(false);
          }}
          data-testid="meeting-people"
        >
          {options.map((s) => (
            <Option key={s.oid} value={s.oid} text={s.name}>
              {s.name}
            </Option>
          ))}
        </Combobox>
      </Field>
      {props.staff.status === "error" && (
        <Caption1 className={styles.problem}>{pickErrorMessage(props.staff.error, lang)}</Caption1>
      )}
      {value.people.length > 0 && (
        <ul className={styles.people} aria-label={t("meetings.edit.peopleChosen")}>
          {value.people.map((p) => (
            <li key={p.oid} className={styles.person}>
              {nameOf(p)}
              <Button
                size="small"
                appearance="subtle"
                aria-label={t("meetings.edit.removePerson", { name: nameOf(p) })}
                onClick={() => set({ people: value.people.filter((x) => x.oid !== p.oid) })}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      {props.problem && (
        <Caption1 id="meeting-attendees-problem" role="alert" className={styles.problem}>
          {props.problem}
        </Caption1>
      )}
      <div className={styles.preview} data-testid="meeting-attendee-preview">
        {props.preview?.status === "loading" && <Spinner size="tiny" label={t("meetings.edit.previewLoading")} />}
        {props.preview?.status === "error" && (
          <Caption1 className={styles.problem}>{pickErrorMessage(props.preview.error, lang)}</Caption1>
        )}
        {props.preview?.status === "ok" && (
          <>
            <Body1 data-testid="meeting-attendee-count">
              {t("meetings.edit.previewCount", { count: props.preview.data.length })}
            </Body1>
            <ul className={styles.names}>
              {props.preview.data.map((a) => (
                <li key={a.oid}>{a.name}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </fieldset>
  );
}
