/**
 * Azurite 3.35 reads a Table request body by joining its Buffer chunks as strings
 * (`segments.join("")` in its serializer), which splits a multi-byte UTF-8 character that falls on
 * a chunk boundary into U+FFFD. Requests above ~64 KB with Japanese text get corrupted.
 * Workaround, for emulator endpoints only: send JSON bodies ASCII-only by escaping every
 * non-ASCII UTF-16 unit as \uXXXX. The JSON means exactly the same, so the stored values are
 * unchanged; production (https) requests are left alone.
 */
import type { PipelinePolicy } from "@azure/core-rest-pipeline";

export const asciiJsonPolicy: PipelinePolicy = {
  name: "komuAsciiJsonForAzurite",
  async sendRequest(request, next) {
    const type = request.headers.get("Content-Type") ?? "";
    if (typeof request.body === "string" && /json/i.test(type) && /[\u0080-\uffff]/.test(request.body)) {
      request.body = request.body.replace(
        /[\u0080-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
      );
      if (request.headers.has("Content-Length")) request.headers.set("Content-Length", String(request.body.length));
    }
    return next(request);
  },
};
