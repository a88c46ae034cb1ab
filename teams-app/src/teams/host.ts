import { app } from "@microsoft/teams-js";
import { withTimeout } from "./timeout.js";

export type HostInfo = { inTeams: true; context: app.Context } | { inTeams: false };

/** A page that is neither framed, opened by another window nor inside a Teams mobile webview. */
function obviouslyStandalone(): boolean {
  return window.self === window.top && !window.opener && !("nativeInterface" in window);
}

/**
 * Are we hosted by Teams (or the local Teams client)? Teams answers `app.initialize()` quickly;
 * a plain browser never does, so the attempt is bounded by a short timeout.
 */
export async function detectTeams(options: { validMessageOrigins: string[]; timeoutMs?: number }): Promise<HostInfo> {
  if (obviouslyStandalone()) return { inTeams: false };
  const timeout = options.timeoutMs ?? 3000;
  try {
    const origins = options.validMessageOrigins.length > 0 ? options.validMessageOrigins : undefined;
    await withTimeout(app.initialize(origins), timeout, "teams-js initialize");
    const context = await withTimeout(app.getContext(), timeout, "teams-js getContext");
    return { inTeams: true, context };
  } catch {
    return { inTeams: false };
  }
}
