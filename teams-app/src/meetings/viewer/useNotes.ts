import type { Note } from "@komu/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../../api/errors.js";
import type { MeetingsApi } from "../api/meetings-api.js";
import { notesPut } from "../model/anchors.js";

export type NotesSave = "idle" | "saving" | "saved" | "error";

const SAVE_DELAY_MS = 800;

/**
 * The caller's notes on one material: loaded once, changed locally, saved (PUT …/notes, the whole
 * list, If-Match with the notes' ETag) a moment after the last change. When someone else (another
 * tab) saved in between, the latest is read and the local changes are put on top of it.
 */
export function useNotes(api: MeetingsApi, meetingId: string, materialId: string) {
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [save, setSave] = useState<NotesSave>("idle");
  const [saveError, setSaveError] = useState<unknown>(null);
  const etag = useRef<string | undefined>(undefined);
  const latest = useRef<Note[]>([]);
  const deleted = useRef(new Set<string>());
  const revision = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    api.notes(meetingId, materialId).then(
      (view) => {
        etag.current = view.etag;
        latest.current = view.notes;
        setNotes(view.notes);
      },
      (e: unknown) => setLoadError(e),
    );
  }, [api, meetingId, materialId]);
  useEffect(load, [load]);

  const flush = useCallback(async () => {
    timer.current = null;
    const sentRevision = revision.current;
    setSave("saving");
    const put = async () => api.saveNotes(meetingId, materialId, notesPut(latest.current), etag.current);
    try {
      let view: Awaited<ReturnType<typeof put>>;
      try {
        view = await put();
      } catch (e) {
        if (!(e instanceof ApiError) || !["STALE_ETAG", "PRECONDITION_REQUIRED"].includes(e.code)) throw e;
        const server = await api.notes(meetingId, materialId);
        const mine = new Map(latest.current.map((n) => [n.id, n]));
        latest.current = [
          ...server.notes.filter((n) => !mine.has(n.id) && !deleted.current.has(n.id)),
          ...latest.current,
        ];
        etag.current = server.etag;
        view = await put();
      }
      etag.current = view.etag;
      deleted.current.clear();
      if (revision.current === sentRevision) {
        latest.current = view.notes;
        setNotes(view.notes);
      }
      setSave("saved");
      setSaveError(null);
    } catch (e) {
      setSave("error");
      setSaveError(e);
    }
  }, [api, meetingId, materialId]);

  const change = useCallback(
    (next: (list: Note[]) => Note[]) => {
      const list = next(latest.current);
      const ids = new Set(list.map((n) => n.id));
      for (const n of latest.current) if (!ids.has(n.id)) deleted.current.add(n.id);
      latest.current = list;
      revision.current++;
      setNotes(list);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  // Leaving the viewer saves what is pending.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        void flush();
      }
    },
    [flush],
  );

  return { notes, loadError, reload: load, change, save, saveError, retry: flush };
}
