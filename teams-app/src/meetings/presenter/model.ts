/**
 * Pure parts of presenter mode: Live Share's follow state + the user's own choice → what the
 * stage shows, where the viewer must jump, which host to use, and the status line.
 */
import type { FollowChoice, PresenterMode, PresenterPosition, PresenterSnapshot, SharedPosition } from "./types.js";

/** Live Share's `FollowModeType` values (kept as strings so this file needs no Live Share import). */
export type FollowType =
  | "local"
  | "activeFollowers"
  | "activePresenter"
  | "followPresenter"
  | "suspendFollowPresenter"
  | "followUser"
  | "suspendFollowUser";

export interface FollowStateLike {
  type: FollowType | string;
  value: SharedPosition;
  otherUsersCount: number;
}

const position = (v: SharedPosition): PresenterPosition => ({ materialId: v.materialId, page: v.page });

export const samePosition = (a: PresenterPosition | null, b: PresenterPosition | null): boolean =>
  !!a && !!b && a.materialId === b.materialId && a.page === b.page;

/**
 * The snapshot for a follow state. `presenterValue` is the presenter's shared value when someone
 * else presents (in a suspended state Live Share's `value` is the local user's own).
 */
export function snapshotFrom(
  state: FollowStateLike | undefined,
  choice: FollowChoice,
  presenterValue: SharedPosition | undefined,
): PresenterSnapshot {
  if (!state) return { mode: "connecting", position: null, presenter: null, others: 0 };
  const others = Math.max(0, state.otherUsersCount);
  switch (state.type) {
    case "activePresenter":
      return { mode: "presenting", position: position(state.value), presenter: null, others };
    case "followPresenter":
      return {
        mode: "following",
        position: position(state.value),
        presenter: { name: state.value.name, position: position(state.value) },
        others,
      };
    case "suspendFollowPresenter":
      return {
        mode: choice === "away" ? "away" : "notFollowing",
        position: position(state.value),
        presenter: presenterValue ? { name: presenterValue.name, position: position(presenterValue) } : null,
        others,
      };
    default:
      return { mode: "solo", position: position(state.value), presenter: null, others };
  }
}

/**
 * Where the viewer must go after a change: only while following, when the user has just started
 * to follow or the presenter moved. Elsewhere the viewer is the user's own (and the presenter's
 * own page turns come from their viewer).
 */
export function jumpFor(previous: PresenterSnapshot, next: PresenterSnapshot): PresenterPosition | null {
  if (next.mode !== "following" || !next.position) return null;
  if (previous.mode !== "following" || !samePosition(previous.position, next.position)) return next.position;
  return null;
}

/**
 * Live Share makes everyone follow a presenter unless suspended: suspend whenever the user has
 * not chosen to follow (a new presenter must not move anyone who did not ask).
 */
export const shouldSuspend = (choice: FollowChoice): boolean => choice !== "follow";

export type HostChoice =
  | { kind: "teams" }
  | { kind: "relay"; relayUrl: string; containersUrl: string }
  | { kind: "unavailable" };

/** In a Teams meeting that supports Live Share: Teams' host; elsewhere the local relay when configured. */
export function chooseHost(input: {
  teamsLiveShare: boolean;
  relay: { relayUrl: string; containersUrl: string } | undefined;
}): HostChoice {
  if (input.teamsLiveShare) return { kind: "teams" };
  if (input.relay) return { kind: "relay", ...input.relay };
  return { kind: "unavailable" };
}

/** The container map's key for a meeting (letters, digits, . _ - only). */
export const meetingKey = (schoolId: string, meetingId: string): string =>
  `${schoolId}.${meetingId}`.replace(/[^A-Za-z0-9._-]/g, "_");

/** The status line: an i18n key under presenter.status and its values. */
export function statusLine(
  snapshot: PresenterSnapshot,
  materialTitle: (materialId: string) => string,
): { key: string; values: Record<string, string | number> } {
  const where = (p: PresenterPosition) => ({ material: materialTitle(p.materialId), page: p.page });
  switch (snapshot.mode) {
    case "presenting":
      return { key: "presenter.status.presenting", values: { count: snapshot.others } };
    case "following":
    case "notFollowing":
    case "away":
      return snapshot.presenter
        ? {
            key: `presenter.status.${snapshot.mode}`,
            values: { name: snapshot.presenter.name, ...where(snapshot.presenter.position) },
          }
        : { key: "presenter.status.solo", values: {} };
    default:
      return { key: `presenter.status.${snapshot.mode}`, values: {} };
  }
}

export const CONTROLS = ["present", "stop", "follow", "stepAway", "rejoin"] as const;
/** The buttons each mode offers (keyboard: ordinary buttons, in reading order). */
export function controlsFor(mode: PresenterMode): (typeof CONTROLS)[number][] {
  switch (mode) {
    case "presenting":
      return ["stop"];
    case "following":
      return ["stepAway"];
    case "notFollowing":
      return ["follow", "present"];
    case "away":
      return ["rejoin", "present"];
    case "solo":
      return ["present"];
    default:
      return [];
  }
}

/** Every mode (the status line has a string for each). */
export const MODES: readonly PresenterMode[] = [
  "connecting",
  "solo",
  "presenting",
  "following",
  "notFollowing",
  "away",
  "error",
];

/** The configurable tab's settings for a meeting (Teams pages.config.setConfig). */
export function tabConfigFor(origin: string, schoolId: string, meetingId: string, title: string) {
  const q = new URLSearchParams({ school: schoolId, meeting: meetingId }).toString();
  return {
    entityId: `meeting.${schoolId}.${meetingId}`,
    contentUrl: `${origin}/meetings/stage?${q}`,
    websiteUrl: `${origin}/meetings/stage?${q}`,
    suggestedDisplayName: title.slice(0, 128),
  };
}
