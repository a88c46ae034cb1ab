import { app } from "@microsoft/teams-js";
import { useEffect, useState } from "react";
import type { HostInfo } from "../teams/host.js";
import { type ThemeKey, themeKeyFromMedia, themeKeyFromTeams } from "../teams/theme.js";

/** The current theme: Teams' (followed live through registerOnThemeChangeHandler) or the OS's. */
export function useThemeKey(host: HostInfo | undefined, initial: ThemeKey): ThemeKey {
  const [key, setKey] = useState(initial);
  useEffect(() => {
    if (host?.inTeams) {
      app.registerOnThemeChangeHandler((theme) => setKey(themeKeyFromTeams(theme)));
      return;
    }
    const forced = window.matchMedia("(forced-colors: active)");
    const dark = window.matchMedia("(prefers-color-scheme: dark)");
    const update = () => setKey(themeKeyFromMedia({ forcedColors: forced.matches, prefersDark: dark.matches }));
    forced.addEventListener("change", update);
    dark.addEventListener("change", update);
    return () => {
      forced.removeEventListener("change", update);
      dark.removeEventListener("change", update);
    };
  }, [host]);
  return key;
}
