import { Button, MessageBar, MessageBarBody, makeStyles, Spinner, Subtitle2, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { useLoad } from "../../app/useLoad.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { saveBlob } from "../../records/common/save-blob.js";
import { useApprovals } from "../common/ApprovalsContext.js";
import { PdfViewer } from "../pdf/PdfViewer.js";

const useStyles = makeStyles({
  pane: { display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
  head: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center", flexWrap: "wrap" },
  grow: { flexGrow: 1 },
});

/** The main document (the sealed PDF once decided) in the inline viewer, with a download button. */
export function DocumentPane(props: {
  contentUrl: string | null;
  /** Changes when the bytes behind contentUrl do (a corrected PDF, the sealed one after 決裁). */
  version: string;
  title: string;
  fileName: string;
  sealed: boolean;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { api, announce } = useApprovals();
  const { contentUrl } = props;
  const [content, reload] = useLoad(
    () => (contentUrl ? api.content(contentUrl) : Promise.resolve(null)),
    [api, contentUrl, props.version],
  );
  return (
    <section aria-labelledby="approval-document" className={styles.pane}>
      <div className={styles.head}>
        <Subtitle2 as="h2" id="approval-document" className={styles.grow}>
          {props.sealed ? t("approvals.detail.sealedDocument") : t("approvals.detail.document")}
        </Subtitle2>
        {content.status === "ok" && content.data && (
          <Button size="small" onClick={() => content.data && saveBlob(content.data, props.fileName)}>
            {t("approvals.detail.download")}
          </Button>
        )}
      </div>
      {!contentUrl ? (
        <MessageBar intent="info">
          <MessageBarBody>{t("approvals.detail.noDocument")}</MessageBarBody>
        </MessageBar>
      ) : content.status === "loading" ? (
        <Spinner label={t("approvals.pdf.loading")} />
      ) : content.status === "error" ? (
        <ErrorPanel error={content.error} onRetry={reload} />
      ) : (
        <PdfViewer data={content.data?.blob ?? null} title={props.title} announce={announce} />
      )}
    </section>
  );
}
