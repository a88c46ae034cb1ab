import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors.js";
import { AuthRequiredError } from "../../auth/types.js";
import { UploadAbortedError, uploadRecordFile, type XhrLike } from "./upload.js";

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Blob;
}

/** A fake XMLHttpRequest answering from a script, reporting progress in two steps. */
function fakeXhr(answers: { status: number; body?: unknown }[], sent: Sent[]) {
  return (): XhrLike => {
    const request: Sent = { method: "", url: "", headers: {}, body: new Blob() };
    const xhr: XhrLike & { status: number; responseText: string } = {
      status: 0,
      responseText: "",
      onload: null,
      onerror: null,
      onabort: null,
      upload: { onprogress: null },
      open(method, url) {
        request.method = method;
        request.url = url;
      },
      setRequestHeader(name, value) {
        request.headers[name] = value;
      },
      send(body) {
        request.body = body;
        sent.push(request);
        const answer = answers.shift();
        queueMicrotask(() => {
          if (!answer) {
            xhr.onerror?.();
            return;
          }
          xhr.upload.onprogress?.({ loaded: body.size / 2, total: body.size, lengthComputable: true });
          xhr.upload.onprogress?.({ loaded: body.size, total: body.size, lengthComputable: true });
          xhr.status = answer.status;
          xhr.responseText = answer.body === undefined ? "" : JSON.stringify(answer.body);
          xhr.onload?.();
        });
      },
      abort() {
        queueMicrotask(() => xhr.onabort?.());
      },
    };
    return xhr;
  };
}

const staged = {
  uploadId: "up1",
  fileName: "収受 第1号.pdf",
  size: 8,
  sha256: "a".repeat(64),
  mimeType: "application/pdf",
  expiresAt: "2026-11-26T00:00:00Z",
};

const file = () => Object.assign(new Blob(["%PDF-1.4"]), { name: "収受 第1号.pdf" });

describe("upload with progress", () => {
  it("sends the raw bytes with the encoded file name and the bearer token, reporting progress", async () => {
    const sent: Sent[] = [];
    const progress: number[] = [];
    const view = await uploadRecordFile("aoba-e", file(), {
      tokens: { getToken: async () => "tok" },
      lang: () => "ja",
      onUnauthorized: () => {},
      onProgress: (p) => progress.push(p),
      createXhr: fakeXhr([{ status: 201, body: staged }], sent),
    });
    expect(view.uploadId).toBe("up1");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe("POST");
    expect(sent[0]?.url).toBe("/api/schools/aoba-e/records/uploads");
    expect(sent[0]?.headers["X-Komu-File-Name"]).toBe(encodeURIComponent("収受 第1号.pdf"));
    expect(sent[0]?.headers.Authorization).toBe("Bearer tok");
    expect(sent[0]?.headers["Accept-Language"]).toBe("ja");
    expect(await sent[0]?.body.text()).toBe("%PDF-1.4");
    expect(progress).toEqual([0.5, 1]);
  });

  it("retries once with a fresh token after a 401", async () => {
    const sent: Sent[] = [];
    const view = await uploadRecordFile("aoba-e", file(), {
      tokens: { getToken: async (o) => (o?.forceRefresh ? "fresh" : "old") },
      lang: () => "en",
      onUnauthorized: () => {
        throw new Error("must not be asked to sign in");
      },
      createXhr: fakeXhr([{ status: 401 }, { status: 201, body: staged }], sent),
    });
    expect(view.uploadId).toBe("up1");
    expect(sent.map((s) => s.headers.Authorization)).toEqual(["Bearer old", "Bearer fresh"]);
  });

  it("shows the server's bilingual error", async () => {
    const error = await uploadRecordFile("aoba-e", file(), {
      tokens: { getToken: async () => "tok" },
      lang: () => "ja",
      onUnauthorized: () => {},
      createXhr: fakeXhr(
        [
          {
            status: 415,
            body: { error: { code: "FILE_TYPE_MISMATCH", message: { ja: "中身が一致しません。", en: "Mismatch." } } },
          },
        ],
        [],
      ),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("FILE_TYPE_MISMATCH");
    expect((error as ApiError).messageIn("ja")).toBe("中身が一致しません。");
  });

  it("reports network failures, unexpected answers, missing sign-in and aborts", async () => {
    const base = { lang: () => "ja" as const, onUnauthorized: () => {} };
    await expect(
      uploadRecordFile("aoba-e", file(), {
        ...base,
        tokens: { getToken: async () => "t" },
        createXhr: fakeXhr([], []),
      }),
    ).rejects.toMatchObject({ code: "NETWORK" });
    await expect(
      uploadRecordFile("aoba-e", file(), {
        ...base,
        tokens: { getToken: async () => "t" },
        createXhr: fakeXhr([{ status: 201, body: { uploadId: 1 } }], []),
      }),
    ).rejects.toMatchObject({ code: "INVALID_RESPONSE" });
    let asked = 0;
    await expect(
      uploadRecordFile("aoba-e", file(), {
        ...base,
        onUnauthorized: () => asked++,
        tokens: {
          getToken: async () => {
            throw new AuthRequiredError();
          },
        },
        createXhr: fakeXhr([], []),
      }),
    ).rejects.toMatchObject({ status: 401 });
    expect(asked).toBe(1);
    const controller = new AbortController();
    controller.abort();
    await expect(
      uploadRecordFile("aoba-e", file(), {
        ...base,
        signal: controller.signal,
        tokens: { getToken: async () => "t" },
        createXhr: fakeXhr([{ status: 201, body: staged }], []),
      }),
    ).rejects.toBeInstanceOf(UploadAbortedError);
  });
});
