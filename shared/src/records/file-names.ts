/**
 * What SharePoint refuses in file and folder names (OneDrive/SharePoint "invalid file names and
 * file types"): the characters " * : < > ? / \ | and control characters, leading or trailing
 * spaces, a trailing dot, a leading "~$", "_vti_" anywhere, reserved device names (CON, PRN, AUX,
 * NUL, COM0–9, LPT0–9, with or without an extension), ".lock", "desktop.ini", and names over 255
 * characters. Kōmu checks before any upload so nothing is half filed.
 */

export type NameProblem =
  | "empty"
  | "tooLong"
  | "pathSeparator"
  | "forbiddenCharacter"
  | "controlCharacter"
  | "edgeSpace"
  | "trailingDot"
  | "reservedName"
  | "reservedPrefix"
  | "vti";

export const MAX_NAME_LENGTH = 255;
const FORBIDDEN = /["*:<>?|]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export function sharePointNameProblem(name: string): NameProblem | undefined {
  if (name.length === 0) return "empty";
  if (name.length > MAX_NAME_LENGTH) return "tooLong";
  if (name.includes("/") || name.includes("\\")) return "pathSeparator";
  if (CONTROL.test(name)) return "controlCharacter";
  if (FORBIDDEN.test(name)) return "forbiddenCharacter";
  if (name !== name.trim()) return "edgeSpace";
  if (name.endsWith(".")) return "trailingDot";
  if (name.startsWith("~$")) return "reservedPrefix";
  if (name.toLowerCase().includes("_vti_")) return "vti";
  if (RESERVED.test(name) || /^(\.lock|desktop\.ini)$/i.test(name)) return "reservedName";
  return undefined;
}

export const NAME_PROBLEM_TEXT: Record<NameProblem, { ja: string; en: string }> = {
  empty: { ja: "ファイル名がありません。", en: "The file name is empty." },
  tooLong: { ja: "ファイル名は 255 文字以内にしてください。", en: "File names are limited to 255 characters." },
  pathSeparator: {
    ja: "ファイル名に / や \\ は使えません。",
    en: "File names cannot contain / or \\.",
  },
  forbiddenCharacter: {
    ja: 'ファイル名に " * : < > ? | は使えません。',
    en: 'File names cannot contain " * : < > ? |.',
  },
  controlCharacter: { ja: "ファイル名に制御文字が含まれています。", en: "The file name contains control characters." },
  edgeSpace: { ja: "ファイル名の先頭と末尾に空白は使えません。", en: "File names cannot start or end with a space." },
  trailingDot: { ja: "ファイル名の末尾にピリオドは使えません。", en: "File names cannot end with a dot." },
  reservedName: {
    ja: "この名前（CON, PRN, AUX, NUL など）はファイル名に使えません。",
    en: "This name (CON, PRN, AUX, NUL …) is reserved.",
  },
  reservedPrefix: { ja: "ファイル名を ~$ で始めることはできません。", en: "File names cannot start with ~$." },
  vti: { ja: "ファイル名に _vti_ は使えません。", en: "File names cannot contain _vti_." },
};

/** The extension in lower case without the dot ("" when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot <= 0 || dot === name.length - 1 ? "" : name.slice(dot + 1).toLowerCase();
}
