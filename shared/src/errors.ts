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
  FILE_TOO_LARGE: {
    status: 413,
    ja: "ファイルが大きすぎます（上限 100 MB）。分割するか圧縮してください。",
    en: "The file is too large (limit 100 MB). Split or compress it.",
  },
  FILE_EMPTY: { status: 400, ja: "ファイルが空です。", en: "The file is empty." },
  FILE_NAME_INVALID: {
    status: 400,
    ja: "このファイル名は使えません。",
    en: "This file name cannot be used.",
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    ja: "この種類のファイルは登録できません（PDF、Word、Excel、PowerPoint、画像、テキストが登録できます）。",
    en: "This kind of file cannot be filed (PDF, Word, Excel, PowerPoint, images and text can).",
  },
  FILE_TYPE_MISMATCH: {
    status: 415,
    ja: "ファイルの中身が拡張子と一致しません。元のファイルを確認してください。",
    en: "The file's content does not match its extension. Check the original file.",
  },
  UPLOAD_NOT_FOUND: {
    status: 404,
    ja: "アップロードしたファイルが見つかりません（24 時間で期限切れになります）。もう一度アップロードしてください。",
    en: "The uploaded file was not found (uploads expire after 24 hours). Upload it again.",
  },
  CATEGORY_UNKNOWN: {
    status: 422,
    ja: "文書分類表にない分類です。分類を選び直してください。",
    en: "The category is not in the file plan. Choose another category.",
  },
  FISCAL_YEAR_IN_FUTURE: {
    status: 422,
    ja: "まだ始まっていない年度には登録できません。",
    en: "Records cannot be filed in a fiscal year that has not started.",
  },
  CLASSIFICATION_TOO_LOW: {
    status: 422,
    ja: "重要性分類は分類表の既定より低くできません。",
    en: "The classification cannot be lower than the category's default.",
  },
  RECORDS_NOT_PROVISIONED: {
    status: 409,
    ja: "この学校の学校文書ライブラリがまだ準備されていません。管理者に連絡してください。",
    en: "This school's records library has not been provisioned yet. Contact your administrator.",
  },
  RECORD_NOT_READY: {
    status: 409,
    ja: "この文書はまだ保存処理中か、保存に失敗しています。",
    en: "This record is still being filed, or filing failed.",
  },
  RECORD_FILING_FAILED: {
    status: 502,
    ja: "文書を SharePoint に保存できませんでした。内容を確認して、もう一度登録してください。",
    en: "The record could not be stored in SharePoint. Check it and file it again.",
  },
  REGISTER_ENTRY_FINAL: {
    status: 409,
    ja: "この番号はすでに確定（または取消）しています。",
    en: "This number is already final (filed or voided).",
  },
  DISPOSAL_ALREADY_DECIDED: {
    status: 409,
    ja: "この廃棄予定一覧はすでに決定済みです。",
    en: "This disposal list has already been decided.",
  },
  NOTHING_TO_DISPOSE: {
    status: 422,
    ja: "保存期間が満了する文書はありません。",
    en: "No records reach the end of their retention period.",
  },
  PDF_ENCRYPTED: {
    status: 422,
    ja: "パスワードや暗号化で保護された PDF は使えません。保護を解除した PDF を添付してください。",
    en: "Password-protected or encrypted PDFs cannot be used. Attach a PDF without protection.",
  },
  PDF_INVALID: {
    status: 422,
    ja: "PDF として読み取れません。ファイルが壊れていないか確認してください。",
    en: "The file cannot be read as a PDF. Check that it is not damaged.",
  },
  PDF_TOO_LARGE: {
    status: 413,
    ja: "PDF が大きすぎます（上限 50 MB、500 ページ）。分割してください。",
    en: "The PDF is too large (limit 50 MB and 500 pages). Split it.",
  },
  IMAGE_INVALID: {
    status: 422,
    ja: "画像を読み取れません（PNG または JPEG が使えます）。",
    en: "The image cannot be read (PNG or JPEG can be used).",
  },
  SEAL_INPUT_MISMATCH: {
    status: 409,
    ja: "押印する PDF のハッシュが記録と一致しません。元の PDF を確認してください。",
    en: "The PDF to seal does not match its recorded hash. Check the original PDF.",
  },
  SIGNING_FAILED: {
    status: 500,
    ja: "組織の証明書で PDF に署名できませんでした。証明書の設定を確認してください。",
    en: "The PDF could not be signed with the organisation certificate. Check its configuration.",
  },
  APPROVAL_ALREADY_DECIDED: {
    status: 409,
    ja: "この段階はすでに決定済みです。",
    en: "This step has already been decided.",
  },
  APPROVAL_OUT_OF_TURN: {
    status: 409,
    ja: "まだあなたの順番ではありません。",
    en: "It is not your turn to decide yet.",
  },
  APPROVAL_NOT_ON_ROUTE: {
    status: 403,
    ja: "あなたはこの文書の決裁ルートに含まれていません。",
    en: "You are not on this document's approval route.",
  },
  APPROVAL_NOT_PENDING: {
    status: 409,
    ja: "この文書は現在、決裁の手続き中ではありません。",
    en: "This document is not awaiting a decision.",
  },
  APPROVAL_COMMENT_REQUIRED: {
    status: 422,
    ja: "差し戻し・却下には理由（コメント）が必要です。",
    en: "A comment is required to return or reject.",
  },
  APPROVAL_RETURN_TARGET_INVALID: {
    status: 422,
    ja: "差し戻し先は起案者か、これより前の段階を選んでください。",
    en: "Return to the drafter or to an earlier step.",
  },
  APPROVAL_WITHDRAW_CLOSED: {
    status: 409,
    ja: "すでに決定した人がいるため引き戻せません。",
    en: "It cannot be withdrawn: someone on the route has already decided.",
  },
  APPROVAL_ROUTE_EDIT_NOT_ALLOWED: {
    status: 422,
    ja: "このテンプレートでは、その決裁ルートの変更はできません。",
    en: "The template does not allow this change to the route.",
  },
  APPROVAL_STAGE_EMPTY: {
    status: 422,
    ja: "決裁ルートに担当者のいない段階があります。校務分掌（グループ）の設定を確認してください。",
    en: "A step of the route has nobody holding its role. Check the role groups.",
  },
  APPROVAL_MAIN_DOCUMENT_REQUIRED: {
    status: 422,
    ja: "本文（PDF）を添付してください。",
    en: "Attach the main document (PDF).",
  },
  ROSTER_CSV_INVALID: {
    status: 422,
    ja: "名簿の CSV に誤りがあるため、取り込みませんでした（何も変更していません）。示された行を校務支援システムで直して、もう一度出力してください。",
    en: "The roster CSV has errors, so nothing was imported (nothing changed). Fix the rows listed in the school information system and export again.",
  },
  ROSTER_MASS_DEACTIVATION: {
    status: 422,
    ja: "この CSV を取り込むと、在籍中の多くの児童生徒（または保護者）が在籍外になります。学校全体の出力か確認してください。意図どおりなら confirmDeactivation=true を付けて送り直してください（何も変更していません）。",
    en: "Importing this CSV would mark many current students (or guardians) inactive. Check that it is the whole school's export; if this is intended, send it again with confirmDeactivation=true (nothing changed).",
  },
  SURVEY_NOT_DRAFT: {
    status: 409,
    ja: "配信済みのアンケートの設問や対象は変更できません。締切の延長と終了だけができます。",
    en: "A survey that has been sent cannot change its questions or audience; you can only extend or close it.",
  },
  SURVEY_CLOSED: {
    status: 409,
    ja: "このアンケートは締め切られました。回答・変更はできません。",
    en: "This survey is closed. Answers can no longer be given or changed.",
  },
  SURVEY_NOT_OPEN: {
    status: 409,
    ja: "このアンケートはまだ配信されていないか、すでに終了しています。",
    en: "This survey has not been sent yet or has already ended.",
  },
  SURVEY_DEADLINE_PAST: {
    status: 400,
    ja: "締切日時が過去になっています。未来の日時を指定してください。",
    en: "The deadline is in the past. Choose a future date and time.",
  },
  SURVEY_AUDIENCE_EMPTY: {
    status: 422,
    ja: "対象者がいません。対象の学年・組や役割を確認してください（名簿が取り込まれているかも確認してください）。",
    en: "Nobody is in the audience. Check the grades, classes or roles (and that the roster has been imported).",
  },
  SURVEY_NOT_RECIPIENT: {
    status: 403,
    ja: "このアンケートの回答対象ではありません。",
    en: "You are not among this survey's respondents.",
  },
  SURVEY_ANSWER_INVALID: {
    status: 400,
    ja: "回答に誤りがあります。表示された項目を直してから送信してください（回答は保存されていません）。",
    en: "Some answers are not valid. Correct the items shown and send again (nothing was saved).",
  },
  SURVEY_LINK_INVALID: {
    status: 400,
    ja: "このリンクは無効です。学校から届いたリンクをもう一度ご確認ください。",
    en: "This link is not valid. Please check the link the school sent you.",
  },
  SURVEY_LINK_USED: {
    status: 410,
    ja: "このリンクはすでに別の端末で使われています。回答を変更したい場合は、学校に新しいリンクを依頼してください。",
    en: "This link has already been used on another device. Ask the school for a new link if you need to change your answers.",
  },
  SURVEY_LINK_EXPIRED: {
    status: 410,
    ja: "このリンクの有効期限（アンケートの締切）が過ぎています。",
    en: "This link has expired (the survey's deadline has passed).",
  },
  SURVEY_RESULTS_AFTER_CLOSE: {
    status: 409,
    ja: "匿名アンケートの結果は、締切（または終了）の後に見られます。回答中に結果を見比べると、誰がどう答えたか分かってしまうためです。",
    en: "An anonymous survey's results are available after its deadline (or once it is closed): comparing results while answers arrive would reveal who answered what.",
  },
  FORMS_WORKBOOK_UNREADABLE: {
    status: 422,
    ja: "Forms の回答ブック（.xlsx）を読み取れませんでした。Forms の「Excel で開く」で作られたファイルを指定してください。",
    en: 'The Forms response workbook (.xlsx) could not be read. Choose the file created by Forms\' "Open in Excel".',
  },
  FORMS_WORKBOOK_COLUMNS: {
    status: 422,
    ja: "Forms の回答ブックの列が想定と違うため、取り込みませんでした（何も記録していません）。ID・メール・名前の列と、登録時と同じ設問の列が必要です。",
    en: "The Forms workbook's columns are not as expected, so nothing was imported. It needs the ID, Email and Name columns and the same question columns as when it was registered.",
  },
  MEETING_NOT_ATTENDEE: {
    status: 403,
    ja: "この会議の出席者ではないため、資料を見ることはできません。",
    en: "You are not an attendee of this meeting, so you cannot see its materials.",
  },
  MEETING_ATTENDEE_OUTSIDE_SCHOOL: {
    status: 422,
    ja: "出席者に、この学校の教職員ではない人が含まれています。名簿を確認してください。",
    en: "Some attendees are not staff of this school. Check the list.",
  },
  MEETING_NOTE_PAGE_MISSING: {
    status: 422,
    ja: "メモのページがこの資料にありません。ページ番号を確認してください（メモは保存されていません）。",
    en: "The note's page does not exist in this material. Check the page number (the note was not saved).",
  },
  MEETING_CANCELLED: {
    status: 409,
    ja: "この会議は中止されています。",
    en: "This meeting has been cancelled.",
  },
  MEETING_MINUTES_LOCKED: {
    status: 409,
    ja: "議事録は決裁に回付済みのため変更できません。差し戻された場合は修正できます。",
    en: "The minutes have been sent for approval and cannot change now (they can if returned).",
  },
  MEETING_MATERIAL_NOT_READY: {
    status: 409,
    ja: "資料の保存が終わっていません。しばらくしてから開いてください。",
    en: "The material is still being saved. Try again shortly.",
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
