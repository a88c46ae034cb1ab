import { useEffect, useRef, useState } from "react";
import type { ClientConfig } from "../../config/client-config.js";
import type { HostInfo } from "../../teams/host.js";
import {
  openPresenterSession,
  type PresenterPosition,
  type PresenterSession,
  teamsLiveShareAvailable,
} from "../presenter/index.js";
import { chooseHost, jumpFor, meetingKey } from "../presenter/model.js";
import type { PresenterSnapshot } from "../presenter/types.js";

const CONNECTING: PresenterSnapshot = { mode: "connecting", position: null, presenter: null, others: 0 };

/**
 * Joins the meeting's presenter session (Live Share, loaded on first use) once `initial` is known;
 * `onJump` is called with the presenter's position whenever the viewer must follow.
 */
export function usePresenter(input: {
  config: ClientConfig;
  host: HostInfo;
  user: { id: string; name: string } | null;
  schoolId: string;
  meetingId: string;
  initial: PresenterPosition | null;
  onJump: (position: PresenterPosition) => void;
}): { snapshot: PresenterSnapshot; session: PresenterSession | null; unavailable: boolean } {
  const [snapshot, setSnapshot] = useState<PresenterSnapshot>(CONNECTING);
  const [session, setSession] = useState<PresenterSession | null>(null);
  const choice = chooseHost({ teamsLiveShare: teamsLiveShareAvailable(input.host), relay: input.config.liveShare });
  const unavailable = choice.kind === "unavailable";
  const onJump = useRef(input.onJump);
  onJump.current = input.onJump;
  const hostKind = choice.kind;
  const ready = !!input.initial && !!input.user;
  const { schoolId, meetingId } = input;

  // biome-ignore lint/correctness/useExhaustiveDependencies: joins once per meeting when the first position and user are known
  useEffect(() => {
    if (!ready || choice.kind === "unavailable" || !input.initial || !input.user) return;
    let live = true;
    let opened: PresenterSession | null = null;
    let unsubscribe = () => {};
    let previous = CONNECTING;
    void openPresenterSession({ host: choice, user: input.user }).then(
      async (s) => {
        if (!live) return;
        opened = s;
        unsubscribe = s.subscribe((next) => {
          const jump = jumpFor(previous, next);
          previous = next;
          setSnapshot(next);
          if (jump) onJump.current(jump);
        });
        setSession(s);
        // A failed join is published by the session as mode "error".
        await s.join(meetingKey(schoolId, meetingId), input.initial as PresenterPosition).catch(() => undefined);
      },
      (e: unknown) => {
        if (live) setSnapshot({ ...CONNECTING, mode: "error", error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
      unsubscribe();
      opened?.leave();
      setSession(null);
      setSnapshot(CONNECTING);
    };
  }, [ready, hostKind, schoolId, meetingId]);

  return { snapshot, session, unavailable };
}
