/**
 * Presenter mode (Live Share follow mode) for a meeting's stage. Only the types and pure parts
 * load with the page; the Live Share implementation is fetched on first use.
 */
import { liveShare } from "@microsoft/teams-js";
import type { HostInfo } from "../../teams/host.js";
import type { HostChoice } from "./model.js";
import type { PresenterSession } from "./types.js";

export type { HostChoice } from "./model.js";
export * from "./types.js";

/** Teams' Live Share host is usable: inside a Teams meeting whose client supports it. */
export function teamsLiveShareAvailable(host: HostInfo): boolean {
  if (!host.inTeams || !host.context.meeting?.id) return false;
  try {
    return liveShare.isSupported();
  } catch {
    return false;
  }
}

export async function openPresenterSession(options: {
  host: Exclude<HostChoice, { kind: "unavailable" }>;
  user: { id: string; name: string };
}): Promise<PresenterSession> {
  const { createLiveShareSession } = await import("./live-share-session.js");
  return createLiveShareSession(options);
}
