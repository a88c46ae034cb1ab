import { useCallback, useEffect, useRef, useState } from "react";
import { useLang } from "../../app/useLang.js";
import { UploadAbortedError, uploadRecordFile } from "../../records/api/upload.js";
import { fileProblem } from "../../records/model/file-checks.js";
import { errorText } from "../../records/upload/useUploadQueue.js";
import { useApprovals } from "../common/ApprovalsContext.js";
import type { StagedFile } from "../model/draft-form.js";
import { moveItem } from "../model/main-files.js";

export type Staging =
  | { status: "uploading"; key: string; name: string; size: number; progress: number }
  | { status: "failed"; key: string; name: string; size: number; message: string }
  | { status: "done"; key: string; file: StagedFile };

let sequence = 0;

/**
 * Stage files for an approval through the records upload (POST …/records/uploads, with
 * progress): the server checks and keeps the bytes; the draft names them by uploadId.
 */
export function useStagedFiles(initial: StagedFile[] = []) {
  const lang = useLang();
  const { schoolId, uploadOptions, announce } = useApprovals();
  const [items, setItems] = useState<Staging[]>(() =>
    initial.map((file) => ({ status: "done", key: `s${++sequence}`, file })),
  );
  const controllers = useRef(new Map<string, AbortController>());

  useEffect(() => {
    const all = controllers.current;
    return () => {
      for (const c of all.values()) c.abort();
    };
  }, []);

  const patch = useCallback(
    (key: string, next: Staging) => setItems((list) => list.map((i) => (i.key === key ? next : i))),
    [],
  );

  const add = useCallback(
    (files: File[], replace: boolean) => {
      if (replace) {
        for (const c of controllers.current.values()) c.abort();
        controllers.current.clear();
      }
      const added: Staging[] = [];
      for (const file of files) {
        const key = `s${++sequence}`;
        const problem = fileProblem(file);
        if (problem) {
          added.push({ status: "failed", key, name: file.name, size: file.size, message: problem.message[lang] });
          announce(problem.message[lang]);
          continue;
        }
        added.push({ status: "uploading", key, name: file.name, size: file.size, progress: 0 });
        const controller = new AbortController();
        controllers.current.set(key, controller);
        uploadRecordFile(schoolId, file, {
          ...uploadOptions,
          signal: controller.signal,
          onProgress: (progress) =>
            setItems((list) => list.map((i) => (i.key === key && i.status === "uploading" ? { ...i, progress } : i))),
        }).then(
          (upload) => {
            controllers.current.delete(key);
            patch(key, {
              status: "done",
              key,
              file: { uploadId: upload.uploadId, fileName: upload.fileName, size: upload.size },
            });
            announce(file.name);
          },
          (e: unknown) => {
            controllers.current.delete(key);
            if (e instanceof UploadAbortedError) return;
            const message = errorText(e).text[lang];
            patch(key, { status: "failed", key, name: file.name, size: file.size, message });
            announce(message);
          },
        );
      }
      setItems((list) => (replace ? added : [...list, ...added]));
    },
    [schoolId, uploadOptions, announce, lang, patch],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    setItems((list) => list.filter((i) => i.key !== key));
  }, []);

  /** Move an item up (-1) or down (+1): the order of the main document's pages. */
  const move = useCallback((key: string, delta: number) => {
    setItems((list) =>
      moveItem(
        list,
        list.findIndex((i) => i.key === key),
        delta,
      ),
    );
  }, []);

  const done = items.flatMap((i) => (i.status === "done" ? [i.file] : []));
  const busy = items.some((i) => i.status === "uploading");
  return { items, add, remove, move, done, busy };
}
