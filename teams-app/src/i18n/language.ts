export type Lang = "ja" | "en";
export const LANGS: readonly Lang[] = ["ja", "en"];
export const LANG_STORAGE_KEY = "komu.lang";

export function isLang(value: unknown): value is Lang {
  return value === "ja" || value === "en";
}

/**
 * The language to start in: the user's saved choice; else, inside Teams, the Teams locale
 * (English when it is an English locale); else Japanese.
 */
export function pickInitialLanguage(input: { stored?: string | null; teamsLocale?: string | null }): Lang {
  if (isLang(input.stored)) return input.stored;
  const locale = (input.teamsLocale ?? "").toLowerCase();
  if (locale === "en" || locale.startsWith("en-")) return "en";
  return "ja";
}

/** BCP 47 tag for the html lang attribute. */
export const htmlLang = (lang: Lang): string => (lang === "ja" ? "ja" : "en");
