import { Caption1, makeStyles, Spinner, Subtitle2, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { useRecords } from "../common/RecordsContext.js";
import { formatBytes } from "../model/file-checks.js";

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: "grid", gap: tokens.spacingVerticalXXS },
});

/** 版の履歴 (GET …/versions), newest first as SharePoint gives them. `version` reloads it after a new version. */
export function VersionList({ recordId, version }: { recordId: string; version: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api } = useRecords();
  const [versions, reload] = useLoad(() => api.versions(recordId), [api, recordId, version]);
  return (
    <section aria-labelledby="versions-heading">
      <Subtitle2 as="h3" id="versions-heading">
        {t("records.detail.versions")}
      </Subtitle2>
      {versions.status === "loading" && <Spinner size="tiny" label={t("app.loading")} />}
      {versions.status === "error" && <ErrorPanel error={versions.error} onRetry={reload} />}
      {versions.status === "ok" && (
        <ol className={styles.list} data-testid="record-versions">
          {versions.data.items.map((v) => (
            <li key={v.id}>
              <Caption1>
                {t("records.detail.versionLine", {
                  id: v.id,
                  date: formatInstant(v.lastModifiedAt, lang),
                  size: formatBytes(v.size),
                  by: v.lastModifiedBy ?? "—",
                })}
              </Caption1>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
