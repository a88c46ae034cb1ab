import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import ja from "./ja.json";
import { htmlLang, LANG_STORAGE_KEY, type Lang } from "./language.js";

export const resources = { ja: { translation: ja }, en: { translation: en } } as const;

export function createI18n(lang: Lang): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: "ja",
    supportedLngs: ["ja", "en"],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = htmlLang(lang);
  instance.on("languageChanged", (lng) => {
    document.documentElement.lang = htmlLang(lng === "en" ? "en" : "ja");
  });
  return instance;
}

export function saveLanguage(storage: Pick<Storage, "setItem">, lang: Lang): void {
  try {
    storage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // storage can be unavailable (private mode, Teams mobile); the choice then lasts for the session
  }
}
