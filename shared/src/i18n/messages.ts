/**
 * The message catalogue for API and UI strings owned by shared code (Japanese first, English).
 * Placeholders are written `{name}`. Error messages live with their codes in ../errors.ts.
 */
import type { LocalizedText } from "../errors.js";

export const MESSAGES = {
  "app.name": { ja: "校務", en: "Kōmu" },
  "app.tagline": { ja: "青葉町の校務を Microsoft 365 の中で", en: "School administration inside Microsoft 365" },
  "kind.staff": { ja: "教職員", en: "Staff" },
  "kind.student": { ja: "児童生徒", en: "Student" },
  "kind.board": { ja: "教育委員会", en: "Board of education" },
  "kind.admin": { ja: "システム管理者", en: "System administrator" },
  "school.staffOnly": { ja: "（所属のみ）", en: "(member)" },
  "tasks.empty": { ja: "対応が必要なタスクはありません。", en: "You have no open tasks." },
  "task.deadLetter.title": {
    ja: "配信できなかった処理があります（{kind}）",
    en: "A side effect could not be delivered ({kind})",
  },
  "task.deadLetter.detail": {
    ja: "{attempts} 回試行しましたが失敗しました。内容を確認して再実行してください。",
    en: "It failed after {attempts} attempts. Check it and replay it.",
  },
  "docs.title": { ja: "校務 API リファレンス", en: "Kōmu API reference" },
  "docs.intro": {
    ja: "認証が必要な API には Authorization: Bearer <トークン> を付けて呼び出してください。",
    en: "Call authenticated operations with Authorization: Bearer <token>.",
  },
  "docs.auth.required": { ja: "要認証", en: "Requires sign-in" },
  "docs.auth.none": { ja: "認証不要", en: "Public" },
  "docs.parameters": { ja: "パラメーター", en: "Parameters" },
  "docs.requestBody": { ja: "リクエスト本文", en: "Request body" },
  "docs.responses": { ja: "レスポンス", en: "Responses" },
  "docs.schema": { ja: "スキーマ", en: "Schema" },
  "docs.openapi": { ja: "OpenAPI 定義（JSON）", en: "OpenAPI document (JSON)" },
  "auth.missingToken": { ja: "ベアラートークンがありません。", en: "No bearer token was sent." },
  "auth.invalidToken": { ja: "トークンが無効です。", en: "The token is not valid." },
  "auth.noMembership": {
    ja: "校務の利用者として登録されていません（学校のグループに所属していません）。",
    en: "You are not registered as a Kōmu user (no school group membership).",
  },
} as const satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof MESSAGES;
export type Locale = "ja" | "en";
export const DEFAULT_LOCALE: Locale = "ja";

/** Look up a message and fill `{name}` placeholders. Unknown placeholders are left as written. */
export function t(
  key: MessageKey,
  locale: Locale = DEFAULT_LOCALE,
  params: Record<string, string | number> = {},
): string {
  const template: string = MESSAGES[key][locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Both languages at once, e.g. for API bodies that carry `{ ja, en }`. */
export function text(key: MessageKey, params: Record<string, string | number> = {}): LocalizedText {
  return { ja: t(key, "ja", params), en: t(key, "en", params) };
}

/** Pick ja or en from an Accept-Language header (ja unless English is preferred over Japanese). */
export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.tag && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === "ja" || tag.startsWith("ja-")) return "ja";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return DEFAULT_LOCALE;
}
