import { MessageBar, MessageBarBody, Title1 } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { type ModuleInfo, moduleByKey } from "../app/modules.js";
import { RouterLink } from "../app/RouterLink.js";
import { usePageTitle } from "./usePageTitle.js";

/** The honest placeholder for a module that is not built yet: which issue brings it, no fake data. */
export function ComingSoon({ moduleKey }: { moduleKey: ModuleInfo["key"] }) {
  const { t } = useTranslation();
  const info = moduleByKey(moduleKey);
  const name = t(`nav.${moduleKey}`);
  usePageTitle(name);
  return (
    <section aria-labelledby="page-title">
      <Title1 as="h1" id="page-title">
        {t("comingSoon.title", { module: name })}
      </Title1>
      <MessageBar intent="info" style={{ marginBlock: "16px" }}>
        <MessageBarBody>
          {info.issue
            ? t("comingSoon.withIssue", { issue: info.issue, issueTitle: t(`issues.${info.issue}`) })
            : t("comingSoon.withoutIssue")}
        </MessageBarBody>
      </MessageBar>
      <RouterLink to="/">{t("comingSoon.backHome")}</RouterLink>
    </section>
  );
}
