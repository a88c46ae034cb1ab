import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** document.title = "<page> — Kōmu 校務" */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const app = t("app.title");
  useEffect(() => {
    document.title = page ? `${page} — ${app}` : app;
  }, [page, app]);
}
