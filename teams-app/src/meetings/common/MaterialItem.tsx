import { Badge, Body1, Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { Material } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { saveBlob } from "../../records/common/save-blob.js";
import { isPdf, newerThanRead } from "../model/materials.js";
import { lastReadVersion } from "./last-read.js";
import { useMeetings } from "./MeetingsContext.js";

const useStyles = makeStyles({
  item: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

/** One material: title, classification, version (and 「新しい版」 when newer than last opened here), open or download. */
export function MaterialItem({ meetingId, material }: { meetingId: string; material: Material }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, openMeeting } = useMeetings();
  const [error, setError] = useState<string | null>(null);
  const newer = newerThanRead(material.version, lastReadVersion(meetingId, material.id));
  const ready = material.status === "ready";
  const download = async () => {
    setError(null);
    try {
      saveBlob(await api.content(meetingId, material.id), material.fileName);
    } catch (e) {
      setError(pickErrorMessage(e, lang));
    }
  };
  return (
    <div className={styles.item} data-testid="material-item" data-material-id={material.id}>
      <Body1>{material.title}</Body1>
      <Badge appearance="outline" color="informative">
        {t("meetings.material.classification", { value: material.classification })}
      </Badge>
      <Caption1>
        {t("meetings.material.version", { version: material.version })}
        {material.pages !== null ? ` · ${t("meetings.material.pages", { count: material.pages })}` : ""}
      </Caption1>
      {newer && (
        <Badge appearance="tint" color="warning" data-testid="material-newer">
          {t("meetings.material.newer")}
        </Badge>
      )}
      {material.status === "uploading" && <Caption1>{t("meetings.material.processing")}</Caption1>}
      {material.status === "failed" && (
        <Caption1 className={styles.problem}>{material.failure ?? t("meetings.material.failed")}</Caption1>
      )}
      {ready && isPdf(material) && (
        <Button
          size="small"
          appearance="primary"
          onClick={() => openMeeting(meetingId, "agenda", material.id)}
          aria-label={t("meetings.material.openLabel", { title: material.title })}
          data-testid="material-open"
        >
          {t("meetings.material.open")}
        </Button>
      )}
      {ready && (
        <Button
          size="small"
          onClick={() => void download()}
          aria-label={t("meetings.material.downloadLabel", { title: material.title })}
          data-testid="material-download"
        >
          {t("meetings.material.download")}
        </Button>
      )}
      {error && (
        <Caption1 role="alert" className={styles.problem}>
          {error}
        </Caption1>
      )}
    </div>
  );
}
