import {
  Body1,
  Caption1,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import type { MeetingView } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { utcToJst } from "../../format/jst-input.js";
import { MaterialItem } from "../common/MaterialItem.js";
import { agendaSchedule } from "../model/agenda.js";
import { materialsByItem } from "../model/materials.js";
import { MyActionItems } from "./ActionItems.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalL, minWidth: 0 },
  list: { margin: 0, padding: 0, listStyle: "none", display: "grid", gap: tokens.spacingVerticalM },
  item: {
    display: "grid",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  itemTitle: { ...typographyStyles.subtitle2, margin: 0 },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  materials: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "grid",
    gap: tokens.spacingVerticalXS,
  },
  note: { whiteSpace: "pre-wrap", color: tokens.colorNeutralForeground2 },
});

/** 議題と資料 (everyone invited): the agenda with presenters and times, each item's materials, and my action items. */
export function AgendaView(props: { meeting: MeetingView; onChange: (m: MeetingView) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { meeting } = props;
  const start = utcToJst(meeting.startsAt).time;
  const schedule = agendaSchedule(
    meeting.agenda.map((a) => ({ minutes: String(a.minutes) })),
    start,
  );
  const { byItem, unattached } = materialsByItem(meeting.agenda, meeting.materials);
  return (
    <div className={styles.wrap} data-testid="meeting-agenda">
      <MyActionItems meeting={meeting} onChange={props.onChange} />
      {meeting.agenda.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t("meetings.agenda.empty")}</MessageBarBody>
        </MessageBar>
      ) : (
        <ol className={styles.list} aria-label={t("meetings.agenda.listLabel")}>
          {meeting.agenda.map((a, i) => {
            const materials = byItem.get(a.id) ?? [];
            return (
              <li key={a.id} className={styles.item} data-testid="agenda-entry">
                <h3 className={styles.itemTitle}>
                  {i + 1}. {a.title}
                </h3>
                <Caption1>
                  {t("meetings.agenda.when", {
                    from: schedule[i]?.from ?? "",
                    to: schedule[i]?.to ?? "",
                    minutes: a.minutes,
                  })}
                  {a.presenterName ? ` · ${t("meetings.agenda.presentedBy", { name: a.presenterName })}` : ""}
                </Caption1>
                {a.note && <Body1 className={styles.note}>{a.note}</Body1>}
                {materials.length > 0 && (
                  <ul className={styles.materials} aria-label={t("meetings.agenda.materialsOf", { title: a.title })}>
                    {materials.map((m) => (
                      <li key={m.id}>
                        <MaterialItem meetingId={meeting.id} material={m} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {unattached.length > 0 && (
        <section aria-labelledby="other-materials">
          <h3 id="other-materials" className={styles.heading}>
            {t("meetings.agenda.otherMaterials")}
          </h3>
          <ul className={styles.materials}>
            {unattached.map((m) => (
              <li key={m.id}>
                <MaterialItem meetingId={meeting.id} material={m} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
