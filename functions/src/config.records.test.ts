import { fileURLToPath } from "node:url";
import { KomuError } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { loadConfig, loadEnvFile, parseRetentionLabels } from "./config.js";

const envLocal = fileURLToPath(new URL("../../env/.env.local", import.meta.url));

describe("records configuration", () => {
  it("the committed env/.env.local points at the local tenant's sites", () => {
    const config = loadConfig(loadEnvFile(envLocal));
    expect(config.records).toEqual({
      sharePointHostname: "localhost",
      siteTemplate: "/sites/{schoolId}",
      libraryName: "学校文書",
      maxFileBytes: 100 * 1024 * 1024,
      retentionLabels: {},
    });
    expect(config.sharePointRuPerMinute).toBe(1200);
  });

  it("maps retention periods to Purview labels, and names a bad entry", () => {
    expect(parseRetentionLabels("5=学校文書 5年, permanent=学校文書 永年")).toEqual({
      "5": "学校文書 5年",
      permanent: "学校文書 永年",
    });
    expect(parseRetentionLabels("7=x")).toMatch(/period must be one of/);
    expect(parseRetentionLabels("5=")).toMatch(/label name/);
    const env = { ...loadEnvFile(envLocal), KOMU_RETENTION_LABELS: "forever=x", KOMU_RECORDS_MAX_FILE_MB: "0" };
    try {
      loadConfig(env);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KomuError);
      const problems = (e as KomuError).details as { problems: string[] };
      expect(problems.problems.join("\n")).toMatch(/KOMU_RETENTION_LABELS/);
      expect(problems.problems.join("\n")).toMatch(/KOMU_RECORDS_MAX_FILE_MB/);
    }
  });

  it("has no SharePoint host outside local unless configured", () => {
    const env = { ...loadEnvFile(envLocal), KOMU_ENV: "prod", SHAREPOINT_HOSTNAME: "" };
    expect(loadConfig(env).records.sharePointHostname).toBeUndefined();
    expect(loadConfig({ ...env, SHAREPOINT_HOSTNAME: "Aoba.SharePoint.com" }).records.sharePointHostname).toBe(
      "aoba.sharepoint.com",
    );
  });
});
