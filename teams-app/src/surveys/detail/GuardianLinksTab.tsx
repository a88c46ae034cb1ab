import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Radio,
  RadioGroup,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import type { GuardianLinks, SurveyView } from "@komu/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../app/ConfirmDialog.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { formatInstant } from "../../format/dates.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { PrintArea } from "../common/PrintArea.js";
import { useSurveys } from "../common/SurveysContext.js";

type Link = GuardianLinks["items"][number];

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  table: { overflowX: "auto" },
  url: { wordBreak: "break-all" },
  sheet: {
    display: "grid",
    gap: tokens.spacingVerticalM,
    gridTemplateColumns: "repeat(auto-fill, minmax(16rem, 1fr))",
  },
  card: {
    display: "grid",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    justifyItems: "start",
  },
  qr: { width: "9rem", height: "9rem", "& svg": { width: "100%", height: "100%" } },
});

/** 保護者リンク: each guardian's link (copy, 再発行) and the printable sheet with QR codes. */
export default function GuardianLinksTab({ survey }: { survey: SurveyView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, announce } = useSurveys();
  const [pending, setPending] = useState(true);
  const [state, reload] = useLoad(() => api.guardianLinks(survey.id, pending), [api, survey.id, pending]);
  const [sheet, setSheet] = useState(false);
  const [reissue, setReissue] = useState<Link | null>(null);
  const [copyError, setCopyError] = useState<string | null>(null);

  const copy = async (link: Link) => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopyError(null);
      announce(t("surveys.links.copied", { name: link.guardianName }));
    } catch {
      const text = t("surveys.links.copyFailed");
      setCopyError(text);
      announce(text);
    }
  };

  if (state.status === "loading") return <Spinner label={t("app.loading")} />;
  if (state.status === "error") return <ErrorPanel error={state.error} onRetry={reload} />;
  const links = state.data;
  const deadline = formatInstant(links.deadline, lang);

  if (sheet)
    return (
      <div className={styles.wrap}>
        <div className={`${styles.actions} komu-no-print`}>
          <Button appearance="primary" onClick={() => window.print()} data-testid="survey-links-print">
            {t("surveys.links.print")}
          </Button>
          <Button onClick={() => setSheet(false)}>{t("surveys.links.backToList")}</Button>
        </div>
        <PrintArea testId="survey-links-sheet">
          <div className={styles.sheet}>
            {links.items.map((l) => (
              <article key={l.key} className={`${styles.card} komu-print-card`} data-testid="survey-link-card">
                <Caption1>{links.title}</Caption1>
                <Body1>
                  <strong>
                    {t("surveys.links.childLine", {
                      grade: l.grade,
                      class: l.class,
                      number: l.number,
                      name: l.childName,
                    })}
                  </strong>
                </Body1>
                <Body1>{t("surveys.links.guardianLine", { name: l.guardianName, relationship: l.relationship })}</Body1>
                <Caption1>{t("surveys.links.deadlineLine", { date: deadline })}</Caption1>
                <div
                  className={styles.qr}
                  role="img"
                  aria-label={t("surveys.links.qrLabel", { name: l.childName })}
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: the QR code is SVG markup made by Kōmu's own server for this link
                  dangerouslySetInnerHTML={{ __html: l.qrSvg }}
                />
                <Caption1 className={styles.url}>{l.url}</Caption1>
              </article>
            ))}
          </div>
        </PrintArea>
      </div>
    );

  return (
    <div className={styles.wrap} data-testid="survey-links">
      <RadioGroup
        layout="horizontal"
        value={pending ? "pending" : "all"}
        onChange={(_, d) => setPending(d.value === "pending")}
        aria-label={t("surveys.links.filter")}
      >
        <Radio value="pending" label={t("surveys.links.pending")} />
        <Radio value="all" label={t("surveys.links.all")} />
      </RadioGroup>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          onClick={() => setSheet(true)}
          disabledFocusable={links.items.length === 0}
          data-testid="survey-links-sheet-open"
        >
          {t("surveys.links.sheet")}
        </Button>
        <Button onClick={reload}>{t("surveys.list.reload")}</Button>
      </div>
      {copyError && (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>{copyError}</MessageBarBody>
        </MessageBar>
      )}
      {links.items.length === 0 ? (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>{pending ? t("surveys.links.nonePending") : t("surveys.links.none")}</MessageBarBody>
        </MessageBar>
      ) : (
        <div className={styles.table}>
          <Table size="small" aria-label={t("surveys.detail.tabs.links")} data-testid="survey-links-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("surveys.links.child")}</TableHeaderCell>
                <TableHeaderCell>{t("surveys.links.guardian")}</TableHeaderCell>
                <TableHeaderCell>{t("surveys.links.state")}</TableHeaderCell>
                <TableHeaderCell>{t("surveys.links.link")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {links.items.map((l) => (
                <TableRow key={l.key} data-testid="survey-link-row">
                  <TableCell>
                    {t("surveys.links.childLine", {
                      grade: l.grade,
                      class: l.class,
                      number: l.number,
                      name: l.childName,
                    })}
                  </TableCell>
                  <TableCell>
                    {l.guardianName}
                    <Caption1 block>{l.relationship}</Caption1>
                  </TableCell>
                  <TableCell>
                    {l.submitted
                      ? t("surveys.links.submitted")
                      : l.claimed
                        ? t("surveys.links.claimed")
                        : t("surveys.links.unopened")}
                  </TableCell>
                  <TableCell>
                    <div className={styles.actions}>
                      <Button
                        size="small"
                        onClick={() => void copy(l)}
                        aria-label={t("surveys.links.copyLabel", { name: l.childName })}
                      >
                        {t("surveys.links.copy")}
                      </Button>
                      <Button
                        size="small"
                        onClick={() => setReissue(l)}
                        aria-label={t("surveys.links.reissueLabel", { name: l.childName })}
                      >
                        {t("surveys.links.reissue")}
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <ConfirmDialog
        open={reissue !== null}
        title={t("surveys.links.reissueTitle")}
        confirmLabel={t("surveys.links.reissue")}
        testId="survey-reissue-dialog"
        onClose={() => setReissue(null)}
        onConfirm={async () => {
          if (!reissue) return;
          await api.reissueLink(survey.id, reissue.key);
          announce(t("surveys.links.reissued", { name: reissue.childName }));
          reload();
        }}
      >
        <Body1 as="p">
          {reissue && t("surveys.links.reissueBody", { guardian: reissue.guardianName, child: reissue.childName })}
        </Body1>
      </ConfirmDialog>
    </div>
  );
}
