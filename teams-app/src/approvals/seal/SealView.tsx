import {
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { FileDropZone } from "../../app/FileDropZone.js";
import { useSession } from "../../app/session.js";
import { useLang } from "../../app/useLang.js";
import { formatBytes } from "../../records/model/file-checks.js";
import { deleteSealImage, getSealImage, putSealImage } from "../api/seal.js";
import { useApprovals } from "../common/ApprovalsContext.js";
import { SEAL_MAX_BYTES, SEAL_MAX_PX, SEAL_MIN_PX, sealImageProblem } from "../model/seal-image.js";

const useStyles = makeStyles({
  view: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "640px" },
  preview: {
    display: "grid",
    justifyItems: "start",
    gap: tokens.spacingVerticalS,
  },
  image: {
    width: "120px",
    height: "120px",
    objectFit: "contain",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "center" },
});

type Current =
  | { status: "loading" }
  | { status: "none" }
  | { status: "some"; url: string }
  | { status: "error"; message: string };

/** 印影: my seal image in this school (a PNG used on the PDFs I approve instead of the drawn imprint): preview, replace, remove. */
export default function SealView() {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api } = useSession();
  const { schoolId, uploadOptions, announce } = useApprovals();
  const [current, setCurrent] = useState<Current>({ status: "loading" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setCurrent({ status: "loading" });
    try {
      const png = await getSealImage(api, schoolId);
      setCurrent(png ? { status: "some", url: URL.createObjectURL(png) } : { status: "none" });
    } catch (e) {
      setCurrent({ status: "error", message: pickErrorMessage(e, lang) });
    }
  }, [api, schoolId, lang]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () => () => {
      if (current.status === "some") URL.revokeObjectURL(current.url);
    },
    [current],
  );

  const fail = (message: string) => {
    setError(message);
    announce(message);
  };

  const upload = async (file: File) => {
    setError(null);
    const head = new Uint8Array(await file.slice(0, 24).arrayBuffer());
    const problem = sealImageProblem(file.size, head);
    if (problem) {
      fail(
        t(`approvals.seal.problem.${problem}`, {
          min: SEAL_MIN_PX,
          max: SEAL_MAX_PX,
          limit: formatBytes(SEAL_MAX_BYTES),
        }),
      );
      return;
    }
    setBusy(true);
    try {
      await putSealImage(schoolId, file, uploadOptions);
      announce(t("approvals.seal.saved"));
      await load();
    } catch (e) {
      fail(pickErrorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setError(null);
    setBusy(true);
    try {
      await deleteSealImage(api, schoolId);
      announce(t("approvals.seal.removed"));
      setCurrent({ status: "none" });
    } catch (e) {
      fail(pickErrorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.view} aria-labelledby="seal-heading">
      <Subtitle2 as="h2" id="seal-heading">
        {t("approvals.seal.heading")}
      </Subtitle2>
      <Body1>{t("approvals.seal.intro")}</Body1>
      {current.status === "loading" && <Spinner size="small" label={t("app.loading")} />}
      {current.status === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>{current.message}</MessageBarBody>
        </MessageBar>
      )}
      {current.status === "none" && <Body1 data-testid="seal-none">{t("approvals.seal.none")}</Body1>}
      {current.status === "some" && (
        <div className={styles.preview} data-testid="seal-current">
          <img className={styles.image} src={current.url} alt={t("approvals.seal.previewAlt")} />
          <div className={styles.actions}>
            <Button disabled={busy} onClick={() => void remove()} data-testid="seal-remove">
              {t("approvals.seal.remove")}
            </Button>
          </div>
        </div>
      )}
      <FileDropZone
        onFiles={(files) => files[0] && void upload(files[0])}
        accept=".png,image/png"
        label={t(current.status === "some" ? "approvals.seal.replaceDrop" : "approvals.seal.drop")}
        button={t("approvals.seal.pick")}
        hint={t("approvals.seal.hint", { min: SEAL_MIN_PX, max: SEAL_MAX_PX, limit: formatBytes(SEAL_MAX_BYTES) })}
        disabled={busy}
        testId="seal-drop"
      />
      {busy && <Spinner size="tiny" label={t("approvals.seal.working")} />}
      {error && (
        <MessageBar intent="error" data-testid="seal-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
