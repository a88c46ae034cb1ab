import { makeStyles, Spinner, Title1, tokens } from "@fluentui/react-components";
import { Trans, useTranslation } from "react-i18next";
import { getTasks } from "../api/resources.js";
import { useSession } from "../app/session.js";
import { useLoad } from "../app/useLoad.js";
import { ErrorPanel } from "./ErrorPanel.js";
import { ProfileSummary } from "./home/ProfileSummary.js";
import { TaskList } from "./home/TaskList.js";
import { usePageTitle } from "./usePageTitle.js";

const useStyles = makeStyles({ page: { display: "grid", gap: tokens.spacingVerticalXL } });

/** ホーム: greeting with the user's name (GET /api/me), their schools and roles, and "my tasks" (GET /api/tasks). */
export default function HomePage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { api, me, reloadMe } = useSession();
  const [tasks, reloadTasks] = useLoad(() => getTasks(api), [api]);
  usePageTitle(t("nav.home"));

  return (
    <div className={styles.page}>
      {me.status === "loading" && <Spinner label={t("app.loading")} />}
      {me.status === "error" && <ErrorPanel error={me.error} onRetry={reloadMe} />}
      {me.status === "ok" && (
        <>
          <Title1 as="h1" id="page-title">
            <Trans
              i18nKey="home.greeting"
              values={{ name: me.data.name }}
              components={{ name: <span data-testid="home-user-name" /> }}
            />
          </Title1>
          <ProfileSummary me={me.data} />
        </>
      )}
      {tasks.status === "loading" && <Spinner size="small" label={t("app.loading")} />}
      {tasks.status === "error" && <ErrorPanel error={tasks.error} onRetry={reloadTasks} />}
      {tasks.status === "ok" && <TaskList items={tasks.data.items} incomplete={tasks.data.incomplete} />}
    </div>
  );
}
