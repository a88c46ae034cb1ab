import { Body1, Caption1, Checkbox, makeStyles, tokens, typographyStyles } from "@fluentui/react-components";
import type { MeetingView } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { formatInstant } from "../../format/dates.js";
import { useMeetings } from "../common/MeetingsContext.js";
import { myActionItems } from "../model/minutes.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  list: { margin: 0, padding: 0, listStyle: "none", display: "grid", gap: tokens.spacingVerticalXS },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

/** 自分の担当: the action items assigned to me, each with a 「完了」 toggle (PATCH …/action-items/{id}). */
export function MyActionItems(props: { meeting: MeetingView; onChange: (m: MeetingView) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, principal, announce } = useMeetings();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = myActionItems(props.meeting, principal.oid);
  if (mine.length === 0) return null;
  return (
    <section className={styles.wrap} aria-labelledby="my-actions" data-testid="my-action-items">
      <h3 id="my-actions" className={styles.heading}>
        {t("meetings.actions.mine")}
      </h3>
      <ul className={styles.list}>
        {mine.map((a) => (
          <li key={a.id}>
            <Checkbox
              checked={a.done}
              disabled={busy === a.id}
              label={
                <>
                  <Body1>{a.title}</Body1>{" "}
                  <Caption1>
                    {t("meetings.actions.due", { date: formatInstant(`${a.dueDate}T00:00:00.000Z`, lang, "date") })}
                    {a.done ? ` · ${t("meetings.actions.done")}` : ""}
                  </Caption1>
                </>
              }
              onChange={async (_, d) => {
                setBusy(a.id);
                setError(null);
                try {
                  props.onChange(await api.patchActionItem(props.meeting.id, a.id, { done: d.checked === true }));
                  announce(d.checked === true ? t("meetings.actions.markedDone") : t("meetings.actions.markedOpen"));
                } catch (e) {
                  setError(pickErrorMessage(e, lang));
                } finally {
                  setBusy(null);
                }
              }}
              data-testid="action-item-done"
            />
          </li>
        ))}
      </ul>
      {error && (
        <Caption1 role="alert" className={styles.problem}>
          {error}
        </Caption1>
      )}
    </section>
  );
}
