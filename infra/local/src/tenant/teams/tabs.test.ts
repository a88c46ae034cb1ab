// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here are adaptivecards-templating / manifest placeholders, not JS templates
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTabs } from "./tabs.js";

describe("Teams client tabs", () => {
  it("reads static tabs with a contentUrl from the manifest template and fills TAB_ENDPOINT", () => {
    const dir = mkdtempSync(join(tmpdir(), "tabs-"));
    const path = join(dir, "manifest.json");
    writeFileSync(
      path,
      JSON.stringify({
        staticTabs: [
          { entityId: "home", name: "ホーム", contentUrl: "${{TAB_ENDPOINT}}/" },
          { entityId: "notices", name: "通知", contentUrl: "${{TAB_ENDPOINT}}/notices" },
          { entityId: "conversations", scopes: ["personal"] },
        ],
      }),
    );
    expect(loadTabs("http://localhost:7071/", path)).toEqual({
      source: "manifest",
      tabs: [
        { entityId: "home", name: "ホーム", contentUrl: "http://localhost:7071/" },
        { entityId: "notices", name: "通知", contentUrl: "http://localhost:7071/notices" },
      ],
    });
  });

  it("falls back to the built-in list when the manifest is missing", () => {
    const { tabs, source } = loadTabs("http://localhost:9999", "/nonexistent/manifest.json");
    expect(source).toBe("default");
    expect(tabs.map((t) => t.name)).toEqual([
      "ホーム",
      "承認",
      "会議",
      "アンケート",
      "文書",
      "通知",
      "採点",
      "ダッシュボード",
    ]);
    expect(tabs[1]?.contentUrl).toBe("http://localhost:9999/approvals");
  });

  it("reads the repository's manifest template", () => {
    const { tabs } = loadTabs("http://localhost:7071");
    expect(tabs.length).toBeGreaterThan(0);
    expect(tabs.every((t) => t.contentUrl.startsWith("http://localhost:7071"))).toBe(true);
  });
});
