/**
 * Kōmu's static tabs for the Teams client's left rail, read from the manifest template
 * (manifest/appPackage/manifest.json, `${{TAB_ENDPOINT}}` → Kōmu's origin); a built-in list when
 * the template is missing or unreadable.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface TeamsTab {
  entityId: string;
  name: string;
  /** Absolute URL of the tab page. */
  contentUrl: string;
}

/** The Teams app id used in the local client (the manifest's is a `${{TEAMS_APP_ID}}` placeholder). */
export const LOCAL_TEAMS_APP_ID = "7d0c3b9e-4f2a-4e61-9a8b-2c5d6e7f8a90";

const DEFAULT_TABS: readonly [string, string, string][] = [
  ["home", "ホーム", "/"],
  ["approvals", "承認", "/approvals"],
  ["meetings", "会議", "/meetings"],
  ["surveys", "アンケート", "/surveys"],
  ["records", "文書", "/records"],
  ["notices", "通知", "/notices"],
  ["grading", "採点", "/grading"],
  ["dashboard", "ダッシュボード", "/dashboard"],
];

export const DEFAULT_MANIFEST_PATH = fileURLToPath(
  new URL("../../../../../manifest/appPackage/manifest.json", import.meta.url),
);

export function defaultTabs(komuOrigin: string): TeamsTab[] {
  return DEFAULT_TABS.map(([entityId, name, path]) => ({
    entityId,
    name,
    contentUrl: `${komuOrigin.replace(/\/$/, "")}${path}`,
  }));
}

export function loadTabs(
  komuOrigin: string,
  manifestPath = DEFAULT_MANIFEST_PATH,
): { tabs: TeamsTab[]; source: "manifest" | "default" } {
  const origin = komuOrigin.replace(/\/$/, "");
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      staticTabs?: { entityId?: string; name?: string; contentUrl?: string }[];
    };
    const tabs = (manifest.staticTabs ?? [])
      .filter(
        (t): t is { entityId: string; name: string; contentUrl: string } => !!t.entityId && !!t.name && !!t.contentUrl,
      )
      .map((t) => ({
        entityId: t.entityId,
        name: t.name,
        contentUrl: t.contentUrl
          .replace(/\$\{\{\s*TAB_ENDPOINT\s*\}\}/g, origin)
          .replace(/\$\{\{\s*TAB_DOMAIN\s*\}\}/g, new URL(origin).host),
      }))
      .filter((t) => /^https?:\/\//.test(t.contentUrl));
    if (tabs.length > 0) return { tabs, source: "manifest" };
  } catch {
    /* fall back */
  }
  return { tabs: defaultTabs(origin), source: "default" };
}
