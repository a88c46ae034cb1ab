import { useTranslation } from "react-i18next";
import type { Lang } from "../i18n/language.js";

/** The current UI language as "ja" | "en". */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === "en" ? "en" : "ja";
}
