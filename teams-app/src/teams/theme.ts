import { type Theme, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from "@fluentui/react-components";

export type ThemeKey = "light" | "dark" | "contrast";

/** Teams reports its theme as "default" | "dark" | "contrast" (older hosts may send other strings). */
export function themeKeyFromTeams(teamsTheme: string | undefined | null): ThemeKey {
  switch ((teamsTheme ?? "").toLowerCase()) {
    case "dark":
      return "dark";
    case "contrast":
    case "highcontrast":
      return "contrast";
    default:
      return "light";
  }
}

/** Outside Teams: follow the OS (forced colours → contrast, dark scheme → dark). */
export function themeKeyFromMedia(media: { forcedColors: boolean; prefersDark: boolean }): ThemeKey {
  if (media.forcedColors) return "contrast";
  return media.prefersDark ? "dark" : "light";
}

const THEMES: Record<ThemeKey, Theme> = {
  light: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

export function fluentTheme(key: ThemeKey): Theme {
  return THEMES[key];
}
