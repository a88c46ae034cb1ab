import type { LocalizedText } from "@komu/shared";

import type { Lang } from "../i18n/language.js";

export type { Lang };

/** An API failure carrying the server's bilingual message (or a generic one). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalizedText,
    /** The error's `details` (4xx only), e.g. VALIDATION_FAILED `issues`, SURVEY_ANSWER_INVALID `problems`. */
    readonly details?: unknown,
  ) {
    super(text.en);
    this.name = "ApiError";
  }

  messageIn(lang: Lang): string {
    return this.text[lang] || this.text.ja || this.text.en;
  }
}

const GENERIC: Record<string, LocalizedText> = {
  network: {
    ja: "サーバーに接続できません。ネットワークを確認してからやり直してください。",
    en: "Cannot reach the server. Check your network and try again.",
  },
  unknown: {
    ja: "予期しないエラーが発生しました（{status}）。しばらくしてからやり直してください。",
    en: "An unexpected error occurred ({status}). Please try again shortly.",
  },
};

function isLocalizedText(v: unknown): v is LocalizedText {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as LocalizedText).ja === "string" &&
    typeof (v as LocalizedText).en === "string"
  );
}

/**
 * Turn a response body into an ApiError. Kōmu's body is `{ error: { code, message: { ja, en } } }`;
 * Graph-style `{ error: { code, message: "text" } }` and anything else fall back to a generic text.
 */
export function errorFromBody(status: number, body: unknown): ApiError {
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === "object" && error !== null) {
    const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
    const codeText = typeof code === "string" ? code : `HTTP_${status}`;
    if (isLocalizedText(message)) return new ApiError(status, codeText, message, details);
    if (typeof message === "string" && message)
      return new ApiError(status, codeText, { ja: message, en: message }, details);
  }
  const fill = (s: string) => s.replace("{status}", String(status));
  const unknown = GENERIC.unknown as LocalizedText;
  return new ApiError(status, `HTTP_${status}`, { ja: fill(unknown.ja), en: fill(unknown.en) });
}

export function networkError(): ApiError {
  return new ApiError(0, "NETWORK", GENERIC.network as LocalizedText);
}

/** The message to show for any thrown value, in the current language. */
export function pickErrorMessage(error: unknown, lang: Lang): string {
  if (error instanceof ApiError) return error.messageIn(lang);
  const unknown = GENERIC.unknown as LocalizedText;
  return unknown[lang].replace("（{status}）", "").replace(" ({status})", "");
}
