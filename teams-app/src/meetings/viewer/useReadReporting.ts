import { useEffect, useRef } from "react";
import type { MeetingsApi } from "../api/meetings-api.js";
import { ReadTracker } from "../model/read-tracker.js";

/**
 * Report pages seen (POST …/read): a page shown for 1 s counts; reports at most every 3 s; a
 * hidden tab stops counting. Returns the function the viewer calls when its page changes.
 */
export function useReadReporting(api: MeetingsApi, meetingId: string, materialId: string) {
  const tracker = useRef(new ReadTracker(1000, 3000));
  const current = useRef<number | null>(null);
  useEffect(() => {
    const t = tracker.current;
    const send = (force = false) => {
      for (const page of t.due(Date.now(), force))
        api.read(meetingId, materialId, { page }).catch(() => t.retry([page]));
    };
    const timer = setInterval(() => send(), 1000);
    const onVisibility = () => t.show(document.hidden ? null : current.current, Date.now());
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      t.show(null, Date.now());
      send(true);
    };
  }, [api, meetingId, materialId]);
  return (page: number) => {
    current.current = page;
    if (!document.hidden) tracker.current.show(page, Date.now());
  };
}
