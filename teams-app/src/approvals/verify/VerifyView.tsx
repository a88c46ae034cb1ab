import {
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { FileDropZone } from "../../app/FileDropZone.js";
import { useSession } from "../../app/session.js";
import { useLang } from "../../app/useLang.js";
import { formatInstant } from "../../format/dates.js";
import { type VerifyAnswer, verifyFacts, verifyPdf } from "../api/verify.js";
import { PdfViewer } from "../pdf/PdfViewer.js";

const useStyles = makeStyles({
  view: { display: "grid", gap: tokens.spacingVerticalL },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
  },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, overflowWrap: "anywhere" },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

const INTENT = { intact: "success", altered: "error", unrecorded: "warning", unknown: "warning" } as const;

type State =
  | { status: "idle" }
  | { status: "checking"; file: File }
  | { status: "done"; file: File; answer: VerifyAnswer }
  | { status: "error"; file: File; message: string };

/** 検証: any staff member uploads a PDF and learns whether it is a sealed Kōmu document, which one, and whether it was altered. */
export default function VerifyView(props: { announce: (text: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { auth, signedOut } = useSession();
  const [state, setState] = useState<State>({ status: "idle" });

  const check = async (file: File) => {
    setState({ status: "checking", file });
    props.announce(t("approvals.verify.checking", { name: file.name }));
    try {
      const answer = await verifyPdf(file, { tokens: auth, lang: () => lang, onUnauthorized: signedOut });
      setState({ status: "done", file, answer });
      props.announce(answer.message[lang]);
    } catch (e) {
      const message = pickErrorMessage(e, lang);
      setState({ status: "error", file, message });
      props.announce(message);
    }
  };

  return (
    <div className={styles.view}>
      <Body1>{t("approvals.verify.intro")}</Body1>
      <FileDropZone
        onFiles={(files) => files[0] && void check(files[0])}
        accept=".pdf,application/pdf"
        label={t("approvals.verify.drop")}
        button={t("approvals.verify.pick")}
        hint={t("approvals.verify.hint")}
        disabled={state.status === "checking"}
        testId="verify-drop"
      />
      {state.status === "checking" && <Spinner label={t("approvals.verify.checking", { name: state.file.name })} />}
      {state.status === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === "done" && <VerifyResult answer={state.answer} />}
      {state.status !== "idle" && (
        <section aria-labelledby="verify-preview">
          <Subtitle2 as="h2" id="verify-preview">
            {t("approvals.verify.preview", { name: state.file.name })}
          </Subtitle2>
          <PdfViewer data={state.file} title={state.file.name} height="60vh" announce={props.announce} />
        </section>
      )}
      {state.status !== "idle" && state.status !== "checking" && (
        <div>
          <Button onClick={() => setState({ status: "idle" })}>{t("approvals.verify.again")}</Button>
        </div>
      )}
    </div>
  );
}

function VerifyResult({ answer }: { answer: VerifyAnswer }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const facts = verifyFacts(answer);
  const rows: [string, string, boolean?][] = [];
  if (facts) {
    rows.push([t("approvals.verify.title"), facts.title]);
    rows.push([t("approvals.verify.number"), facts.number]);
    rows.push([t("approvals.verify.sealedAt"), formatInstant(facts.sealedAt, lang)]);
    if (facts.code) rows.push([t("approvals.verify.code"), facts.code, true]);
  }
  rows.push([t("approvals.verify.sha256"), answer.sha256, true]);
  return (
    <MessageBar
      intent={INTENT[answer.verdict]}
      layout="multiline"
      data-testid="verify-result"
      data-verdict={answer.verdict}
    >
      <MessageBarBody>
        <MessageBarTitle>{t(`approvals.verify.verdict.${answer.verdict}`)}</MessageBarTitle>
        <Body1 as="p">{answer.message[lang]}</Body1>
        {facts && !facts.fromRecord && <Body1 as="p">{t("approvals.verify.claimedOnly")}</Body1>}
        <dl className={styles.facts}>
          {rows.map(([k, v, mono]) => (
            <div key={k} style={{ display: "contents" }}>
              <dt className={styles.dt}>{k}</dt>
              <dd className={mono ? `${styles.dd} ${styles.mono}` : styles.dd}>{v}</dd>
            </div>
          ))}
        </dl>
      </MessageBarBody>
    </MessageBar>
  );
}
