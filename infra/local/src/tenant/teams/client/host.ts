/// <reference lib="dom" />
/**
 * A teams-js v2 HOST for a tab in an iframe — the half of the protocol Teams implements.
 * Ground truth: @microsoft/teams-js 2.58 (dist/esm/packages/teams-js/src/internal/communication.js,
 * appHelpers.js, handlers.js, public/app/app.js, public/authentication.js, public/runtime.js).
 *
 * Transport: window.postMessage between the tab (child) and this page (parent).
 *   App → host request:  { id: number, uuidAsString: string, func: string, args: unknown[],
 *                           timestamp, monotonicTimestamp, apiVersionTag, teamsJsInstanceId, isProxiedFromChild }
 *   Host → app response: { id, uuidAsString, args: unknown[] }  (matched by uuid, else by id)
 *   Host → app event:    { func: "themeChange" | "contextChange" | "load" | "beforeUnload", args: [...] }
 * The app only accepts messages from its own origin, https origins on Microsoft's list, or origins it
 * passed to app.initialize(validMessageOrigins) — so a tab served from another origin than this
 * client (e.g. http://localhost:7071 vs http://localhost:7072) must list this client's origin there.
 * The host answers only the tab's origin, and only messages whose source is the tab's window.
 *
 * Implemented funcs:
 *   initialize [sdkVersion, latestRuntimeApiVersion, validMessageOrigins?]
 *       → [frameContext "content", hostClientType "web", runtimeConfig (JSON string:
 *          { apiVersion: 4, hostVersionsInfo, isLegacyTeams: false, supports: {...} }),
 *          clientSupportedSDKVersion]
 *   getContext → [LegacyContext] (locale "ja-jp", theme, entityId, userObjectId, userPrincipalName,
 *       loginHint, userDisplayName, tid, hostName "Teams", hostClientType "web", frameContext, appId, …)
 *   authentication.getAuthToken [resources?, claims?, silent?, tenantId?] → [true, token] | [false, reason]
 *   authentication.getUser → [true, { id, displayName, userPrincipalName, tenantId }]
 *   appInitialization.appLoaded / .success / .failure / .expectedFailure (one-way; .success is
 *       answered [true] too, harmless when not awaited) → loading banner / error banner
 *   registerHandler [name] (one-way; records which events the app listens to)
 *   executeDeepLink [url] → [true] (opens Kōmu's tab for entity deep links, else a new window)
 *   pages.navigateToApp [{ appId, pageId, subPageId }] → [true]
 *   setFrameContext / navigateCrossDomain / returnFocus / readyToUnload → [true] / ignored
 *   anything else → [false, "… not supported …"] and a console warning.
 * Host events: themeChange [theme] (theme switcher), contextChange [LegacyContext].
 */

export type Theme = "default" | "dark" | "contrast";

export interface HostUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

export interface HostOptions {
  iframe: HTMLIFrameElement;
  /** Origin the tab is served from (Kōmu's origin). */
  tabOrigin: string;
  user: HostUser;
  tenantId: string;
  appId: string;
  getTheme(): Theme;
  getEntityId(): string;
  getToken(): Promise<string>;
  onStatus(status: { kind: "loading" | "loaded" | "ready" | "failed"; message?: string }): void;
  onNavigate(entityId: string, subPageId?: string): void;
}

interface AppMessage {
  id: number;
  uuidAsString?: string;
  func: string;
  args?: unknown[];
}

const NOT_SUPPORTED =
  "ローカルの Teams クライアントはこの機能に対応していません。 / Not supported by the local Teams client.";

export function runtimeConfig(): Record<string, unknown> {
  return {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false,
    supports: {
      app: {},
      appEntity: {},
      authentication: {},
      pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {}, currentApp: {} },
      teamsCore: {},
    },
  };
}

export class TeamsJsHost {
  private readonly sessionId = crypto.randomUUID();
  private appSessionId = crypto.randomUUID();
  private readonly registered = new Set<string>();
  private readonly listener = (e: MessageEvent) => this.onMessage(e);

  constructor(private readonly o: HostOptions) {
    window.addEventListener("message", this.listener);
  }

  dispose(): void {
    window.removeEventListener("message", this.listener);
  }

  /** Call when the iframe starts loading another page. */
  reset(): void {
    this.registered.clear();
    this.appSessionId = crypto.randomUUID();
    this.o.onStatus({ kind: "loading" });
  }

  legacyContext(): Record<string, unknown> {
    const { user } = this.o;
    return {
      locale: "ja-jp",
      osLocaleInfo: { platform: "web", regionalFormat: "ja-jp" },
      theme: this.o.getTheme(),
      entityId: this.o.getEntityId(),
      subEntityId: "",
      frameContext: "content",
      hostName: "Teams",
      hostClientType: "web",
      ringId: "general",
      sessionId: this.sessionId,
      appSessionId: this.appSessionId,
      appLaunchId: this.appSessionId,
      appId: this.o.appId,
      manifestVersion: "1.24",
      userObjectId: user.id,
      userPrincipalName: user.userPrincipalName,
      loginHint: user.userPrincipalName,
      userDisplayName: user.displayName,
      userLicenseType: "Unknown",
      tid: this.o.tenantId,
      isFullScreen: false,
      isMultiWindow: false,
    };
  }

  /** Host → app event (e.g. the theme switcher). */
  sendTheme(theme: Theme): void {
    this.post({ func: "themeChange", args: [theme] });
    if (this.registered.has("contextChange")) this.post({ func: "contextChange", args: [this.legacyContext()] });
  }

  private post(message: Record<string, unknown>): void {
    // Only while the iframe shows a tab (postMessage with a target origin that does not match
    // the frame's document is dropped by the browser anyway, with a console warning).
    if (!(this.o.iframe.getAttribute("src") ?? "").startsWith(this.o.tabOrigin)) return;
    this.o.iframe.contentWindow?.postMessage(message, this.o.tabOrigin);
  }

  private reply(m: AppMessage, args: unknown[]): void {
    this.post({ id: m.id, uuidAsString: m.uuidAsString, args });
  }

  private onMessage(e: MessageEvent): void {
    if (e.source !== this.o.iframe.contentWindow || e.origin !== this.o.tabOrigin) return;
    const m = e.data as AppMessage;
    if (!m || typeof m !== "object" || typeof m.func !== "string" || typeof m.id !== "number") return;
    void this.handle(m);
  }

  private async handle(m: AppMessage): Promise<void> {
    const args = Array.isArray(m.args) ? m.args : [];
    switch (m.func) {
      case "initialize": {
        const sdkVersion = typeof args[0] === "string" ? args[0] : "2.0.0";
        this.reply(m, ["content", "web", JSON.stringify(runtimeConfig()), sdkVersion]);
        this.o.onStatus({ kind: "loading", message: `teams-js ${sdkVersion}` });
        return;
      }
      case "getContext":
        this.reply(m, [this.legacyContext()]);
        return;
      case "authentication.getAuthToken":
        try {
          this.reply(m, [true, await this.o.getToken()]);
        } catch (err) {
          this.reply(m, [false, err instanceof Error ? err.message : "resourceDisabled"]);
        }
        return;
      case "authentication.getUser":
        this.reply(m, [
          true,
          {
            id: this.o.user.id,
            displayName: this.o.user.displayName,
            userPrincipalName: this.o.user.userPrincipalName,
            tenantId: this.o.tenantId,
          },
        ]);
        return;
      case "appInitialization.appLoaded":
        this.o.onStatus({ kind: "loaded" });
        return;
      case "appInitialization.success":
        this.o.onStatus({ kind: "ready" });
        this.reply(m, [true]);
        return;
      case "appInitialization.failure":
      case "appInitialization.expectedFailure":
        this.o.onStatus({
          kind: "failed",
          message: [args[0], args[1]].filter((x) => typeof x === "string").join(": "),
        });
        return;
      case "registerHandler":
        if (typeof args[0] === "string") this.registered.add(args[0]);
        return;
      case "executeDeepLink": {
        const url = typeof args[0] === "string" ? args[0] : "";
        const entity = /\/l\/entity\/[^/]+\/([^/?#]+)(?:\?.*?context=([^&#]+))?/.exec(url);
        if (entity?.[1]) {
          let subPageId: string | undefined;
          try {
            subPageId = entity[2]
              ? (JSON.parse(decodeURIComponent(entity[2])) as { subEntityId?: string }).subEntityId
              : undefined;
          } catch {
            subPageId = undefined;
          }
          this.o.onNavigate(decodeURIComponent(entity[1]), subPageId);
        } else if (/^https?:\/\//.test(url)) {
          window.open(url, "_blank", "noopener");
        }
        this.reply(m, [true]);
        return;
      }
      case "pages.navigateToApp": {
        const p = (args[0] ?? {}) as { pageId?: string; subPageId?: string };
        if (p.pageId) this.o.onNavigate(p.pageId, p.subPageId);
        this.reply(m, [true]);
        return;
      }
      case "setFrameContext":
      case "navigateCrossDomain":
        this.reply(m, [true]);
        return;
      case "returnFocus":
      case "readyToUnload":
        return;
      default:
        console.warn("[teams host] unsupported func", m.func, args);
        this.reply(m, [false, NOT_SUPPORTED]);
    }
  }
}
