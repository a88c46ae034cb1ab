import {
  Badge,
  Body1,
  Caption1,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { TaskItem } from "../../api/resources.js";
import { RouterLink } from "../../app/RouterLink.js";
import { useLang } from "../../app/useLang.js";
import { formatInstant } from "../../format/dates.js";

const useStyles = makeStyles({
  section: { display: "grid", gap: tokens.spacingVerticalS, justifyItems: "start" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalS },
  item: {
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    display: "grid",
    gap: tokens.spacingVerticalXXS,
  },
  meta: { display: "flex", gap: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2 },
});

/** "My tasks", dates shown in Asia/Tokyo. */
export function TaskList({ items, incomplete }: { items: TaskItem[]; incomplete: string[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  return (
    <section aria-labelledby="tasks-heading" className={styles.section}>
      <Subtitle2 as="h2" id="tasks-heading">
        {t("home.tasksHeading")}
      </Subtitle2>
      {incomplete.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{t("home.tasksIncomplete")}</MessageBarBody>
        </MessageBar>
      )}
      {items.length === 0 ? (
        <Body1 as="p" data-testid="home-tasks-empty">
          {t("home.tasksEmpty")}
        </Body1>
      ) : (
        <ul className={styles.list} data-testid="home-tasks">
          {items.map((task) => (
            <li key={task.id} className={styles.item}>
              <Body1>
                {task.priority === "high" && (
                  <Badge color="danger" appearance="filled" style={{ marginInlineEnd: 8 }}>
                    {t("home.priorityHigh")}
                  </Badge>
                )}
                {task.href ? <RouterLink to={task.href}>{task.title[lang]}</RouterLink> : task.title[lang]}
              </Body1>
              {task.detail && <Caption1>{task.detail[lang]}</Caption1>}
              <Caption1 className={styles.meta}>
                {task.dueAt && (
                  <time dateTime={task.dueAt}>{t("home.due", { date: formatInstant(task.dueAt, lang) })}</time>
                )}
                {task.createdAt && (
                  <time dateTime={task.createdAt}>
                    {t("home.created", { date: formatInstant(task.createdAt, lang) })}
                  </time>
                )}
              </Caption1>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
