import { Body1, Title1 } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { RouterLink } from "../app/RouterLink.js";
import { usePageTitle } from "./usePageTitle.js";

export default function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t("notFound.title"));
  return (
    <section aria-labelledby="page-title">
      <Title1 as="h1" id="page-title">
        {t("notFound.title")}
      </Title1>
      <Body1 as="p">{t("notFound.body")}</Body1>
      <RouterLink to="/">{t("notFound.backHome")}</RouterLink>
    </section>
  );
}
