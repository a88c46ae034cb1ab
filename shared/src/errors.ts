/**
 * The one error type of Kōmu. Every failure a caller can act on is a KomuError with a stable
 * string code; the HTTP layer maps it to a status and a bilingual body.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, ja: "入力内容に誤りがあります。", en: "The request is not valid." },
  MALFORMED_JSON: {
    status: 400,
    ja: "送信されたデータ（JSON）を読み取れません。",
    en: "The request body is not valid JSON.",
  },
  INVALID_ID: {
    status: 400,
    ja: "指定された ID の形式が正しくありません。",
    en: "The identifier is not in a valid format.",
  },
  UNAUTHENTICATED: {
    status: 401,
    ja: "サインインが必要です。もう一度サインインしてください。",
    en: "Sign-in is required. Please sign in again.",
  },
  FORBIDDEN: { status: 403, ja: "この操作を行う権限がありません。", en: "You do not have permission to do this." },
  NOT_FOUND: { status: 404, ja: "指定されたものが見つかりません。", en: "The requested item was not found." },
  METHOD_NOT_ALLOWED: {
    status: 405,
    ja: "この操作はサポートされていません。",
    en: "This method is not supported here.",
  },
  CONFLICT: {
    status: 409,
    ja: "他の操作と競合しました。画面を更新してからやり直してください。",
    en: "The change conflicts with another one. Refresh and try again.",
  },
  STALE_ETAG: {
    status: 412,
    ja: "他の人が先に更新しました。最新の内容を読み込んでからやり直してください。",
    en: "Someone else changed this first. Reload and try again.",
  },
  PRECONDITION_REQUIRED: {
    status: 428,
    ja: "更新には If-Match（バージョン）の指定が必要です。",
    en: "An If-Match header (version) is required for this update.",
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    ja: "同じ操作キーが別の内容で使われました。",
    en: "This idempotency key was already used for a different request.",
  },
  PAYLOAD_TOO_LARGE: { status: 413, ja: "送信されたデータが大きすぎます。", en: "The request body is too large." },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    ja: "送信形式（Content-Type）が正しくありません。JSON で送信してください。",
    en: "Unsupported content type. Send JSON.",
  },
  RATE_LIMITED: {
    status: 429,
    ja: "混み合っています。しばらくしてからやり直してください。",
    en: "Too many requests. Please try again shortly.",
  },
  UPSTREAM_UNAVAILABLE: {
    status: 503,
    ja: "Microsoft 365 に一時的に接続できません。しばらくしてからやり直してください。",
    en: "Microsoft 365 is temporarily unavailable. Please try again shortly.",
  },
  CONFIGURATION_INVALID: {
    status: 500,
    ja: "サーバーの設定に誤りがあります。管理者に連絡してください。",
    en: "The server is misconfigured. Contact your administrator.",
  },
  INTERNAL: {
    status: 500,
    ja: "予期しないエラーが発生しました。管理者に連絡してください。",
    en: "An unexpected error occurred. Contact your administrator.",
  },
} as const satisfies Record<string, { status: number; ja: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface LocalizedText {
  ja: string;
  en: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: LocalizedText;
    details?: unknown;
    requestId?: string;
  };
}

export class KomuError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly text: LocalizedText;
  readonly details: unknown;
  /** Seconds, for RATE_LIMITED and UPSTREAM_UNAVAILABLE. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    options: { message?: Partial<LocalizedText>; details?: unknown; retryAfter?: number; cause?: unknown } = {},
  ) {
    const def = ERROR_CODES[code];
    const text = { ja: options.message?.ja ?? def.ja, en: options.message?.en ?? def.en };
    super(text.en, { cause: options.cause });
    this.name = "KomuError";
    this.code = code;
    this.status = def.status;
    this.text = text;
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }

  toBody(requestId?: string): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.text,
        ...(this.details === undefined ? {} : { details: this.details }),
        ...(requestId ? { requestId } : {}),
      },
    };
  }
}

export const isKomuError = (e: unknown): e is KomuError => e instanceof KomuError;
