import type { TrackingView } from "@komu/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SurveysApi } from "../api/surveys-api.js";
import { TRACKING_POLL_MS, trackingChange } from "../model/tracking.js";

/**
 * GET …/tracking now and every 5 s while the page is visible (paused when hidden, resumed with an
 * immediate poll when visible again); `onChange` hears when the answered count moves.
 */
export function useTracking(
  api: SurveysApi,
  surveyId: string,
  live: boolean,
  onChange: (change: { answered: number; total: number }) => void,
) {
  const [state, setState] = useState<{ data: TrackingView | null; error: unknown }>({ data: null, error: null });
  const last = useRef<TrackingView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const poll = useCallback(async () => {
    try {
      const data = await api.tracking(surveyId);
      const change = trackingChange(last.current, data);
      last.current = data;
      setState({ data, error: null });
      if (change) changed.current(change);
    } catch (error) {
      setState((s) => ({ data: s.data, error }));
    }
  }, [api, surveyId]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = () => {
      if (stopped || !live) return;
      timer = setTimeout(tick, TRACKING_POLL_MS);
    };
    const tick = async () => {
      if (document.visibilityState !== "visible") return; // resumed by visibilitychange
      await poll();
      schedule();
    };
    const onVisibility = () => {
      clearTimeout(timer);
      if (document.visibilityState === "visible") void tick();
    };
    void poll().then(schedule);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [poll, live]);

  return { ...state, reload: poll };
}
