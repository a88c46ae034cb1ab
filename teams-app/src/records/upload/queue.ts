import type { LocalizedText, RecordView, UploadView } from "@komu/shared";

/**
 * The upload list of the 登録 view: each file is checked, uploaded (staged) with its own progress,
 * then filed with the batch's metadata. One file's failure never touches the others.
 */
export type UploadStatus =
  /** Refused by the browser's pre-checks (never sent). */
  | "rejected"
  | "uploading"
  | "uploadFailed"
  /** Staged on the server, waiting for the metadata. */
  | "uploaded"
  | "filing"
  | "filed"
  | "fileFailed";

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  title: string;
  status: UploadStatus;
  /** 0..1 of the bytes sent. */
  progress: number;
  upload: UploadView | null;
  record: RecordView | null;
  error: LocalizedText | null;
  errorCode: string | null;
}

export type UploadAction =
  | {
      type: "added";
      items: { key: string; name: string; size: number; title: string; problem: LocalizedText | null }[];
    }
  | { type: "progress"; key: string; progress: number }
  | { type: "uploaded"; key: string; upload: UploadView }
  | { type: "uploadFailed"; key: string; code: string; error: LocalizedText }
  | { type: "title"; key: string; title: string }
  | { type: "filing"; key: string }
  | { type: "filed"; key: string; record: RecordView }
  | { type: "fileFailed"; key: string; code: string; error: LocalizedText }
  | { type: "retryUpload"; key: string }
  | { type: "removed"; key: string }
  | { type: "clearFinished" };

/** Staged uploads expire or are consumed: these codes mean the bytes must be sent again. */
const NEEDS_NEW_UPLOAD = new Set(["UPLOAD_NOT_FOUND"]);

function update(items: UploadItem[], key: string, change: (item: UploadItem) => UploadItem): UploadItem[] {
  return items.map((item) => (item.key === key ? change(item) : item));
}

export function uploadsReducer(items: UploadItem[], action: UploadAction): UploadItem[] {
  switch (action.type) {
    case "added":
      return [
        ...items,
        ...action.items.map(
          (a): UploadItem => ({
            key: a.key,
            name: a.name,
            size: a.size,
            title: a.title,
            status: a.problem ? "rejected" : "uploading",
            progress: 0,
            upload: null,
            record: null,
            error: a.problem,
            errorCode: a.problem ? "PRECHECK" : null,
          }),
        ),
      ];
    case "progress":
      return update(items, action.key, (i) =>
        i.status === "uploading" ? { ...i, progress: Math.min(1, Math.max(i.progress, action.progress)) } : i,
      );
    case "uploaded":
      return update(items, action.key, (i) => ({
        ...i,
        status: "uploaded",
        progress: 1,
        upload: action.upload,
        error: null,
        errorCode: null,
      }));
    case "uploadFailed":
      return update(items, action.key, (i) => ({
        ...i,
        status: "uploadFailed",
        error: action.error,
        errorCode: action.code,
      }));
    case "title":
      return update(items, action.key, (i) => ({ ...i, title: action.title }));
    case "filing":
      return update(items, action.key, (i) => ({ ...i, status: "filing", error: null, errorCode: null }));
    case "filed":
      return update(items, action.key, (i) => ({ ...i, status: "filed", record: action.record }));
    case "fileFailed":
      return update(items, action.key, (i) => ({
        ...i,
        status: "fileFailed",
        error: action.error,
        errorCode: action.code,
        upload: NEEDS_NEW_UPLOAD.has(action.code) ? null : i.upload,
      }));
    case "retryUpload":
      return update(items, action.key, (i) => ({
        ...i,
        status: "uploading",
        progress: 0,
        upload: null,
        error: null,
        errorCode: null,
      }));
    case "removed":
      return items.filter((i) => i.key !== action.key);
    case "clearFinished":
      return items.filter((i) => i.status !== "filed" && i.status !== "rejected");
  }
}

/** Items the 登録 button files now: staged and not filed yet (including those whose filing failed but whose upload stands). */
export function readyToFile(items: readonly UploadItem[]): UploadItem[] {
  return items.filter(
    (i) => i.upload !== null && (i.status === "uploaded" || i.status === "fileFailed") && i.title.trim() !== "",
  );
}

/** Items that need the bytes sent again (a failed upload, or a staged upload the server no longer has). */
export function needsUpload(item: UploadItem): boolean {
  return item.status === "uploadFailed" || (item.status === "fileFailed" && item.upload === null);
}

export function counts(items: readonly UploadItem[]): Record<UploadStatus, number> {
  const out: Record<UploadStatus, number> = {
    rejected: 0,
    uploading: 0,
    uploadFailed: 0,
    uploaded: 0,
    filing: 0,
    filed: 0,
    fileFailed: 0,
  };
  for (const i of items) out[i.status]++;
  return out;
}
