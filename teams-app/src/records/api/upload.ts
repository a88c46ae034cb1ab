import { UploadView } from "@komu/shared";
import { ApiError, errorFromBody, type Lang, networkError } from "../../api/errors.js";
import type { AuthProvider } from "../../auth/types.js";
import { AuthRequiredError } from "../../auth/types.js";
import { seg } from "../model/query.js";

/** The part of XMLHttpRequest the upload uses (a fake in tests). */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  readonly status: number;
  readonly responseText: string;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  readonly upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
}

export interface UploadOptions {
  tokens: Pick<AuthProvider, "getToken">;
  lang: () => Lang;
  onUnauthorized: () => void;
  /** 0..1 of the bytes sent. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  createXhr?: () => XhrLike;
  baseUrl?: string;
}

export const uploadPath = (schoolId: string): string => `/api/schools/${seg(schoolId)}/records/uploads`;

export class UploadAbortedError extends Error {
  constructor() {
    super("upload aborted");
    this.name = "UploadAbortedError";
  }
}

function sendOnce(
  url: string,
  file: Blob & { name: string },
  token: string,
  options: UploadOptions,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const xhr = options.createXhr?.() ?? (new XMLHttpRequest() as unknown as XhrLike);
    const onAbort = () => xhr.abort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => options.signal?.removeEventListener("abort", onAbort);
    xhr.open("POST", url);
    xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", options.lang());
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("X-Komu-File-Name", encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      done();
      resolve({ status: xhr.status, text: xhr.responseText });
    };
    xhr.onerror = () => {
      done();
      reject(networkError());
    };
    xhr.onabort = () => {
      done();
      reject(new UploadAbortedError());
    };
    if (options.signal?.aborted) {
      done();
      reject(new UploadAbortedError());
      return;
    }
    xhr.send(file);
  });
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POST …/records/uploads with the raw bytes (XMLHttpRequest, so upload progress can be shown).
 * Like the JSON client: bearer token, one retry with a fresh token on 401, bilingual errors.
 */
export async function uploadRecordFile(
  schoolId: string,
  file: Blob & { name: string },
  options: UploadOptions,
): Promise<UploadView> {
  const url = `${options.baseUrl ?? ""}${uploadPath(schoolId)}`;
  const token = async (forceRefresh: boolean) => {
    try {
      return await options.tokens.getToken({ forceRefresh });
    } catch (e) {
      if (e instanceof AuthRequiredError) {
        options.onUnauthorized();
        throw errorFromBody(401, undefined);
      }
      throw e;
    }
  };
  let res = await sendOnce(url, file, await token(false), options);
  if (res.status === 401) {
    options.onProgress?.(0);
    res = await sendOnce(url, file, await token(true), options);
    if (res.status === 401) options.onUnauthorized();
  }
  const body = parse(res.text);
  if (res.status < 200 || res.status >= 300) throw errorFromBody(res.status, body);
  const parsed = UploadView.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(res.status, "INVALID_RESPONSE", {
      ja: "サーバーから想定外の応答がありました。画面を再読み込みしてください。",
      en: "The server sent an unexpected answer. Please reload the page.",
    });
  }
  return parsed.data;
}
