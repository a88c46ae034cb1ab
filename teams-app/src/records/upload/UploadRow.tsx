import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  Link,
  makeStyles,
  ProgressBar,
  tokens,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { useRecords } from "../common/RecordsContext.js";
import { formatBytes } from "../model/file-checks.js";
import { needsUpload, type UploadItem } from "./queue.js";

const useStyles = makeStyles({
  row: {
    display: "grid",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  spacer: { flexGrow: 1 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const STATUS_COLOR = {
  rejected: "danger",
  uploading: "informative",
  uploadFailed: "danger",
  uploaded: "success",
  filing: "informative",
  filed: "success",
  fileFailed: "danger",
} as const;

/** One file: its progress bar, its status and error in the current language, its title, and what can be done with it. */
export function UploadRow(props: {
  item: UploadItem;
  onTitle: (title: string) => void;
  onRetry: () => void;
  onRemove: () => void;
  /** false where the title comes from elsewhere (a register line's 件名). */
  showTitle?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { openRecord } = useRecords();
  const { item } = props;
  const editable =
    (props.showTitle ?? true) &&
    (item.status === "uploaded" || item.status === "fileFailed" || item.status === "uploading");
  const percent = Math.round(item.progress * 100);
  return (
    <li className={styles.row} data-testid="upload-row" data-status={item.status}>
      <div className={styles.head}>
        <span className={styles.name}>{item.name}</span>
        <Caption1>{formatBytes(item.size)}</Caption1>
        <Badge appearance="tint" color={STATUS_COLOR[item.status]} data-testid="upload-status">
          {t(`records.upload.status.${item.status}`)}
        </Badge>
        <span className={styles.spacer} />
        {item.status === "filed" && item.record && (
          <Link as="button" onClick={() => item.record && openRecord(item.record.id)}>
            {t("records.upload.openFiled")}
          </Link>
        )}
        {needsUpload(item) && (
          <Button size="small" onClick={props.onRetry}>
            {t("records.upload.retry")}
          </Button>
        )}
        {item.status !== "filing" && item.status !== "filed" && (
          <Button
            size="small"
            appearance="subtle"
            onClick={props.onRemove}
            aria-label={t("records.upload.removeNamed", { name: item.name })}
          >
            {t("records.upload.remove")}
          </Button>
        )}
      </div>
      {(item.status === "uploading" || item.status === "filing") && (
        <Field
          label={t("records.upload.progressLabel", { name: item.name })}
          validationState="none"
          validationMessage={item.status === "filing" ? t("records.upload.filingNow") : `${percent}%`}
        >
          <ProgressBar
            value={item.status === "filing" ? undefined : item.progress}
            max={1}
            thickness="large"
            aria-valuetext={item.status === "filing" ? t("records.upload.filingNow") : `${percent}%`}
          />
        </Field>
      )}
      {item.error && (
        <Caption1 className={styles.error} data-testid="upload-error">
          {item.error[lang] || item.error.ja}
        </Caption1>
      )}
      {editable && (
        <Field
          label={t("records.upload.title")}
          required
          validationMessage={item.title.trim() ? undefined : t("records.upload.titleRequired")}
        >
          <Input value={item.title} maxLength={200} onChange={(_, d) => props.onTitle(d.value)} />
        </Field>
      )}
      {item.status === "filed" && item.record && (
        <Caption1>
          {t("records.upload.filedAs", {
            title: item.record.title,
            category: `${item.record.categoryCode} ${item.record.categoryName}`,
          })}
        </Caption1>
      )}
    </li>
  );
}
