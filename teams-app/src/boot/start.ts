/**
 * Start-up before the first render: runtime config, host detection (Teams or browser), language,
 * theme, auth provider, and finishing a sign-in redirect when the URL is the callback.
 */
import { CALLBACK_PATH, createLocalTenantAuth, SignInError } from "../auth/local-auth.js";
import { createTeamsAuth } from "../auth/teams-auth.js";
import type { AuthProvider } from "../auth/types.js";
import { type ClientConfig, fetchClientConfig, isLocalTenant, teamsHostOrigins } from "../config/client-config.js";
import { LANG_STORAGE_KEY, type Lang, pickInitialLanguage } from "../i18n/language.js";
import { detectTeams, type HostInfo } from "../teams/host.js";
import { type ThemeKey, themeKeyFromMedia, themeKeyFromTeams } from "../teams/theme.js";

export type Boot =
  | {
      kind: "ready";
      config: ClientConfig;
      host: HostInfo;
      auth: AuthProvider;
      lang: Lang;
      theme: ThemeKey;
      signInError?: string;
    }
  | { kind: "failed"; lang: Lang; theme: ThemeKey };

function storedLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function mediaTheme(): ThemeKey {
  return themeKeyFromMedia({
    forcedColors: window.matchMedia("(forced-colors: active)").matches,
    prefersDark: window.matchMedia("(prefers-color-scheme: dark)").matches,
  });
}

export async function start(): Promise<Boot> {
  let config: ClientConfig;
  try {
    config = await fetchClientConfig();
  } catch (e) {
    console.error("Kōmu: cannot load /client-config.json", e);
    return { kind: "failed", lang: pickInitialLanguage({ stored: storedLanguage() }), theme: mediaTheme() };
  }

  const host = await detectTeams({ validMessageOrigins: teamsHostOrigins(config) });
  const lang = pickInitialLanguage({
    stored: storedLanguage(),
    teamsLocale: host.inTeams ? host.context.app.locale : null,
  });
  if (host.inTeams) {
    return {
      kind: "ready",
      config,
      host,
      auth: createTeamsAuth(),
      lang,
      theme: themeKeyFromTeams(host.context.app.theme),
    };
  }

  const origin = window.location.origin;
  const onCallback = window.location.pathname === CALLBACK_PATH;
  let auth: AuthProvider;
  let returnTo: string | undefined;
  let signInError: string | undefined;
  if (isLocalTenant(config)) {
    const local = createLocalTenantAuth({
      config,
      storage: window.sessionStorage,
      navigate: (url) => window.location.assign(url),
      origin,
    });
    auth = local;
    if (onCallback) {
      try {
        returnTo = await local.completeSignIn(window.location.search);
      } catch (e) {
        signInError = e instanceof SignInError ? e.message : String(e);
      }
    }
  } else {
    // MSAL is only needed in production outside Teams: load it on demand.
    const { createMsalAuth } = await import("../auth/msal-auth.js");
    const msal = await createMsalAuth(config, origin);
    auth = msal;
    try {
      returnTo = await msal.completeRedirect();
    } catch (e) {
      signInError = e instanceof Error ? e.message : String(e);
    }
  }
  if (onCallback) window.history.replaceState(null, "", returnTo ?? "/");
  return { kind: "ready", config, host, auth, lang, theme: mediaTheme(), ...(signInError ? { signInError } : {}) };
}
