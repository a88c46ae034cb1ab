import type { Classification } from "@komu/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import { useLang } from "../../app/useLang.js";
import { UploadAbortedError, uploadRecordFile } from "../../records/api/upload.js";
import { fileProblem } from "../../records/model/file-checks.js";
import { errorText } from "../../records/upload/useUploadQueue.js";
import { useMeetings } from "../common/MeetingsContext.js";
import { titleFromFileName } from "../model/materials.js";

/** A file on its way to becoming a material: staged through the records upload (with progress), then registered. */
export type Staged = {
  key: string;
  name: string;
  size: number;
  title: string;
  classification: Classification;
  agendaItemId: string;
} & (
  | { status: "uploading"; progress: number }
  | { status: "staged"; uploadId: string }
  | { status: "failed"; code: string; message: string }
);

let sequence = 0;

/** Stage dropped files (POST …/records/uploads); each becomes a row to title, classify and register. */
export function useMaterialUploads() {
  const lang = useLang();
  const { schoolId, uploadOptions, announce } = useMeetings();
  const [items, setItems] = useState<Staged[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  useEffect(() => {
    const all = controllers.current;
    return () => {
      for (const c of all.values()) c.abort();
    };
  }, []);
  const patch = useCallback(
    (key: string, change: (s: Staged) => Staged) =>
      setItems((list) => list.map((i) => (i.key === key ? change(i) : i))),
    [],
  );

  const add = useCallback(
    (files: File[], agendaItemId: string) => {
      const added: Staged[] = [];
      for (const file of files) {
        const key = `u${++sequence}`;
        const base = {
          key,
          name: file.name,
          size: file.size,
          title: titleFromFileName(file.name),
          classification: "III" as Classification,
          agendaItemId,
        };
        const problem = fileProblem(file);
        if (problem) {
          added.push({ ...base, status: "failed", code: problem.code, message: problem.message[lang] });
          announce(problem.message[lang]);
          continue;
        }
        added.push({ ...base, status: "uploading", progress: 0 });
        const controller = new AbortController();
        controllers.current.set(key, controller);
        uploadRecordFile(schoolId, file, {
          ...uploadOptions,
          signal: controller.signal,
          onProgress: (progress) => patch(key, (s) => (s.status === "uploading" ? { ...s, progress } : s)),
        }).then(
          (upload) => {
            controllers.current.delete(key);
            patch(key, (s) => ({ ...stripStatus(s), status: "staged", uploadId: upload.uploadId }));
            announce(file.name);
          },
          (e: unknown) => {
            controllers.current.delete(key);
            if (e instanceof UploadAbortedError) return;
            const { code, text } = errorText(e);
            patch(key, (s) => ({ ...stripStatus(s), status: "failed", code, message: text[lang] }));
            announce(text[lang]);
          },
        );
      }
      setItems((list) => [...list, ...added]);
    },
    [schoolId, uploadOptions, announce, lang, patch],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    setItems((list) => list.filter((i) => i.key !== key));
  }, []);
  const fail = useCallback(
    (key: string, code: string, message: string) =>
      patch(key, (s) => ({ ...stripStatus(s), status: "failed", code, message })),
    [patch],
  );
  return { items, add, remove, patch, fail };
}

function stripStatus(s: Staged) {
  return {
    key: s.key,
    name: s.name,
    size: s.size,
    title: s.title,
    classification: s.classification,
    agendaItemId: s.agendaItemId,
  };
}

/** Stage one file for a new version (the caller checks it with `fileProblem` first); resolves to its uploadId. */
export function useSingleUpload() {
  const { schoolId, uploadOptions } = useMeetings();
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useCallback(
    async (file: File) => {
      setProgress(0);
      try {
        return (await uploadRecordFile(schoolId, file, { ...uploadOptions, onProgress: setProgress })).uploadId;
      } finally {
        setProgress(null);
      }
    },
    [schoolId, uploadOptions],
  );
  return { upload, progress };
}
