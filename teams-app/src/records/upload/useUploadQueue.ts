import type { LocalizedText } from "@komu/shared";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { UploadAbortedError, uploadRecordFile } from "../api/upload.js";
import { useRecords } from "../common/RecordsContext.js";
import { fileProblem, titleFromFileName } from "../model/file-checks.js";
import { createLimiter } from "./limiter.js";
import { uploadsReducer } from "./queue.js";

const UNEXPECTED: LocalizedText = {
  ja: "予期しないエラーが発生しました。しばらくしてからやり直してください。",
  en: "An unexpected error occurred. Please try again shortly.",
};

export function errorText(e: unknown): { code: string; text: LocalizedText } {
  if (e instanceof ApiError) return { code: e.code, text: e.text };
  return { code: "UNEXPECTED", text: UNEXPECTED };
}

let sequence = 0;

/**
 * Files chosen or dropped: checked in the browser, then staged (POST …/uploads) three at a time,
 * each with its own progress. Leaving the page aborts what is still being sent.
 */
export function useUploadQueue() {
  const { t } = useTranslation();
  const lang = useLang();
  const { schoolId, uploadOptions, announce } = useRecords();
  const [items, dispatch] = useReducer(uploadsReducer, []);
  const files = useRef(new Map<string, File>());
  const controllers = useRef(new Map<string, AbortController>());
  const limit = useRef(createLimiter(3));

  useEffect(() => {
    const all = controllers.current;
    return () => {
      for (const c of all.values()) c.abort();
    };
  }, []);

  const start = useCallback(
    (key: string, file: File) => {
      const controller = new AbortController();
      controllers.current.set(key, controller);
      limit
        .current(() =>
          uploadRecordFile(schoolId, file, {
            ...uploadOptions,
            signal: controller.signal,
            onProgress: (progress) => dispatch({ type: "progress", key, progress }),
          }),
        )
        .then(
          (upload) => {
            controllers.current.delete(key);
            dispatch({ type: "uploaded", key, upload });
            announce(t("records.upload.uploadedOne", { name: file.name }));
          },
          (e: unknown) => {
            controllers.current.delete(key);
            if (e instanceof UploadAbortedError) return;
            const { code, text } = errorText(e);
            dispatch({ type: "uploadFailed", key, code, error: text });
            announce(t("records.upload.failedOne", { name: file.name, reason: text[lang] }));
          },
        );
    },
    [schoolId, uploadOptions, announce, t, lang],
  );

  const add = useCallback(
    (chosen: File[]) => {
      const added = chosen.map((file) => {
        const key = `f${++sequence}`;
        files.current.set(key, file);
        const problem = fileProblem(file);
        return { key, file, problem };
      });
      dispatch({
        type: "added",
        items: added.map(({ key, file, problem }) => ({
          key,
          name: file.name,
          size: file.size,
          title: titleFromFileName(file.name),
          problem: problem?.message ?? null,
        })),
      });
      const refused = added.filter((a) => a.problem).length;
      announce(t("records.upload.added", { count: added.length - refused, refused }));
      for (const a of added) if (!a.problem) start(a.key, a.file);
    },
    [start, announce, t],
  );

  const retry = useCallback(
    (key: string) => {
      const file = files.current.get(key);
      if (!file) return;
      dispatch({ type: "retryUpload", key });
      start(key, file);
    },
    [start],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    files.current.delete(key);
    dispatch({ type: "removed", key });
  }, []);

  return { items, dispatch, add, retry, remove };
}
