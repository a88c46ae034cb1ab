/**
 * Configuration: every environment variable Kōmu reads, validated once at start-up by
 * `loadConfig(env)` (never at import time). Names follow the Microsoft 365 Agents Toolkit
 * (`AAD_APP_*`, `SECRET_*`); see ARCHITECTURE.md for their meaning.
 */
import { readFileSync } from "node:fs";
import { KomuError, RETENTION_PERIODS, type RetentionPeriod } from "@komu/shared";
import { z } from "zod";

const PUBLIC_AUTHORITY = "https://login.microsoftonline.com";
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a GUID");
const httpsUrl = z
  .string()
  .url("must be a URL")
  .refine((u) => u.startsWith("https://"), "must be an https:// URL")
  .transform((u) => u.replace(/\/+$/, ""));
const port = z.coerce.number().int("must be an integer").min(0).max(65535);
const list = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1, "must list at least one value"));

const EnvSchema = z.object({
  KOMU_ENV: z.enum(["local", "dev", "prod"]),
  PORT: port.default(7071),
  M365_PORT: port.default(7072),
  AAD_APP_TENANT_ID: guid,
  AAD_APP_CLIENT_ID: guid,
  SECRET_AAD_APP_CLIENT_SECRET: z.string().min(1, "required"),
  AAD_APP_OAUTH_AUTHORITY_HOST: httpsUrl.default(PUBLIC_AUTHORITY),
  KOMU_API_AUDIENCES: list(z.string().min(1)).optional(),
  KOMU_TRUSTED_ISSUERS: list(httpsUrl).optional(),
  GRAPH_BASE_URL: httpsUrl.default("https://graph.microsoft.com/v1.0"),
  BOT_ID: guid,
  SECRET_BOT_PASSWORD: z.string().min(1, "required"),
  BOT_OPENID_METADATA: httpsUrl.default("https://login.botframework.com/v1/.well-known/openidconfiguration"),
  BOT_TOKEN_ISSUER: httpsUrl.default("https://api.botframework.com"),
  BOT_TOKEN_ENDPOINT: httpsUrl.default("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"),
  BOT_SERVICE_URL: httpsUrl.optional(),
  AZURE_STORAGE_CONNECTION_STRING: z.string().min(1, "required"),
  KOMU_TABLE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,15}$/, "lower-case letters and digits, starting with a letter")
    .optional(),
  M365_DEV_PASSWORD: z.string().optional(),
  M365_THROTTLE: z.enum(["documented", "off"]).default("documented"),
  M365_FAULTS: z.coerce.number().min(0).max(1).default(0),
  // Records library (学校文書), functions/src/records/README.md.
  SHAREPOINT_HOSTNAME: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i, "a host name such as contoso.sharepoint.com")
    .optional(),
  KOMU_SCHOOL_SITE_PATH: z
    .string()
    .regex(/^\/[^?#]*\{schoolId\}[^?#]*$/, "a server-relative path containing {schoolId}, e.g. /sites/{schoolId}")
    .default("/sites/{schoolId}"),
  KOMU_RECORDS_LIBRARY: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((v) => !/["*:<>?/\\|#%]/.test(v), 'no " * : < > ? / \\ | # %')
    .default("学校文書"),
  KOMU_RECORDS_MAX_FILE_MB: z.coerce.number().int("must be an integer").min(1).max(250).default(100),
  KOMU_RETENTION_LABELS: z.string().optional(),
  KOMU_SHAREPOINT_RU_PER_MINUTE: z.coerce.number().int("must be an integer").min(10).max(100_000).default(1200),
  // The tab's public origin and the Teams app id (also used by the Teams package): links in cards
  // (文書を開く) and on the 決裁証明 page (検証). Optional: without them no links are printed.
  TAB_ENDPOINT: z.url({ protocol: /^https?$/, error: "an http(s) URL" }).optional(),
  TEAMS_APP_ID: guid.optional(),
  // Surveys (functions/src/surveys): the key that signs guardians' single-use links and keys
  // anonymous responses (≥ 32 characters, a secret), and the public origin guardians open
  // (default: TAB_ENDPOINT).
  SECRET_KOMU_LINK_KEY: z.string().min(32, "at least 32 characters").optional(),
  KOMU_PUBLIC_URL: z.url({ protocol: /^https?$/, error: "an http(s) URL" }).optional(),
  // Meetings' presenter mode outside Teams (local only): Live Share's local relay and container
  // map, set by the local platform (infra/local/src/liveshare); in Teams the host provides both.
  KOMU_LIVESHARE_RELAY_URL: z.url({ protocol: /^https?$/, error: "an http(s) URL" }).optional(),
  KOMU_LIVESHARE_CONTAINERS_URL: z.url({ protocol: /^https?$/, error: "an http(s) URL" }).optional(),
});

export interface Config {
  env: "local" | "dev" | "prod";
  port: number;
  m365Port: number;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** e.g. https://login.microsoftonline.com or https://localhost:7072 (no trailing slash). */
  authorityHost: string;
  /** true for login.microsoftonline.com; false for the local tenant (MSAL instance discovery off). */
  publicCloud: boolean;
  /** Accepted `aud` values of tokens for Kōmu's API. */
  apiAudiences: string[];
  /** Accepted `iss` values; their JWKS are discovered from `<issuer>/.well-known/openid-configuration`. */
  trustedIssuers: string[];
  /** e.g. https://graph.microsoft.com/v1.0 (no trailing slash). */
  graphBaseUrl: string;
  bot: {
    id: string;
    password: string;
    openIdMetadata: string;
    tokenIssuer: string;
    tokenEndpoint: string;
    serviceUrl: string | undefined;
  };
  storage: { connectionString: string; tablePrefix: string | undefined };
  /** Local tenant knobs (only read by the local dev host and tests). */
  m365: { devPassword: string | undefined; throttle: "documented" | "off"; faultRate: number };
  /** The records library (学校文書): where it lives, limits, retention labels. */
  records: RecordsConfig;
  /** Client-side SharePoint resource-unit budget per minute (graph/sharepoint-budget.ts). */
  sharePointRuPerMinute: number;
  /** The tab's origin (no trailing slash) and the Teams app id, when configured (links to the tab). */
  tab: { endpoint: string | undefined; teamsAppId: string | undefined };
  /** Surveys: the link-signing key (undefined: guardian links and anonymous surveys are unavailable) and the public origin. */
  surveys: { linkKey: string | undefined; publicUrl: string | undefined };
  /** Live Share's local relay and container map (absent: presenter mode only inside Teams meetings). */
  liveShare?: { relayUrl: string; containersUrl: string };
}

export interface RecordsConfig {
  /** SharePoint host name (contoso.sharepoint.com; the local tenant's host locally); undefined = not configured. */
  sharePointHostname: string | undefined;
  /** Server-relative path of a school's site, with {schoolId}: "/sites/{schoolId}". */
  siteTemplate: string;
  /** Display name of the records document library. */
  libraryName: string;
  /** Largest file a record may have, in bytes. */
  maxFileBytes: number;
  /** 保存期間 → Purview retention label name, for the periods the tenant maps. */
  retentionLabels: Partial<Record<RetentionPeriod, string>>;
}

/** "5=学校文書 5年,20=学校文書 20年,permanent=学校文書 永年" → { "5": …, "20": …, permanent: … }. */
export function parseRetentionLabels(text: string | undefined): Partial<Record<RetentionPeriod, string>> | string {
  const out: Partial<Record<RetentionPeriod, string>> = {};
  if (!text) return out;
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    const key = (eq > 0 ? part.slice(0, eq).trim() : "") as RetentionPeriod;
    const label = eq > 0 ? part.slice(eq + 1).trim() : "";
    if (!(RETENTION_PERIODS as readonly string[]).includes(key))
      return `"${part}": the period must be one of ${RETENTION_PERIODS.join(", ")}`;
    if (!label || label.length > 64) return `"${part}": the label name must be 1–64 characters`;
    out[key] = label;
  }
  return out;
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    const message = issue.code === "invalid_type" && issue.input === undefined ? "required" : issue.message;
    return `${name}: ${message}`;
  });
}

/** Parses and validates the environment. Throws KomuError("CONFIGURATION_INVALID") naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset, as in dotenv files with `NAME=`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  const labels = parseRetentionLabels(cleaned.KOMU_RETENTION_LABELS);
  // Live Share's local relay and container map take no token (InsecureTokenProvider, open CORS):
  // they are for this machine only and are never published by a dev or production host.
  const liveShareOutsideLocal =
    parsed.success &&
    parsed.data.KOMU_ENV !== "local" &&
    (parsed.data.KOMU_LIVESHARE_RELAY_URL !== undefined || parsed.data.KOMU_LIVESHARE_CONTAINERS_URL !== undefined);
  if (!parsed.success || typeof labels === "string" || liveShareOutsideLocal) {
    const problems = [
      ...(parsed.success ? [] : describeIssues(parsed.error)),
      ...(typeof labels === "string" ? [`KOMU_RETENTION_LABELS: ${labels}`] : []),
      ...(liveShareOutsideLocal
        ? [
            "KOMU_LIVESHARE_RELAY_URL/KOMU_LIVESHARE_CONTAINERS_URL: the local Live Share relay is for KOMU_ENV=local only",
          ]
        : []),
    ];
    throw new KomuError("CONFIGURATION_INVALID", {
      message: {
        en: `Configuration is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`,
        ja: `設定に誤りがあります（${problems.length} 件）:\n  - ${problems.join("\n  - ")}`,
      },
      details: { problems },
    });
  }
  const e = parsed.data;
  const authorityHost = e.AAD_APP_OAUTH_AUTHORITY_HOST;
  return {
    env: e.KOMU_ENV,
    port: e.PORT,
    m365Port: e.M365_PORT,
    tenantId: e.AAD_APP_TENANT_ID.toLowerCase(),
    clientId: e.AAD_APP_CLIENT_ID.toLowerCase(),
    clientSecret: e.SECRET_AAD_APP_CLIENT_SECRET,
    authorityHost,
    publicCloud: authorityHost === PUBLIC_AUTHORITY,
    apiAudiences: e.KOMU_API_AUDIENCES ?? [e.AAD_APP_CLIENT_ID.toLowerCase()],
    trustedIssuers: e.KOMU_TRUSTED_ISSUERS ?? [`${authorityHost}/${e.AAD_APP_TENANT_ID.toLowerCase()}/v2.0`],
    graphBaseUrl: e.GRAPH_BASE_URL,
    bot: {
      id: e.BOT_ID.toLowerCase(),
      password: e.SECRET_BOT_PASSWORD,
      openIdMetadata: e.BOT_OPENID_METADATA,
      tokenIssuer: e.BOT_TOKEN_ISSUER,
      tokenEndpoint: e.BOT_TOKEN_ENDPOINT,
      serviceUrl: e.BOT_SERVICE_URL,
    },
    storage: { connectionString: e.AZURE_STORAGE_CONNECTION_STRING, tablePrefix: e.KOMU_TABLE_PREFIX },
    m365: { devPassword: e.M365_DEV_PASSWORD, throttle: e.M365_THROTTLE, faultRate: e.M365_FAULTS },
    records: {
      // Locally the tenant's SharePoint host is the host of its Graph endpoint.
      sharePointHostname:
        e.SHAREPOINT_HOSTNAME?.toLowerCase() ??
        (e.KOMU_ENV === "local" ? new URL(e.GRAPH_BASE_URL).hostname : undefined),
      siteTemplate: e.KOMU_SCHOOL_SITE_PATH,
      libraryName: e.KOMU_RECORDS_LIBRARY,
      maxFileBytes: e.KOMU_RECORDS_MAX_FILE_MB * 1024 * 1024,
      retentionLabels: labels,
    },
    sharePointRuPerMinute: e.KOMU_SHAREPOINT_RU_PER_MINUTE,
    tab: { endpoint: e.TAB_ENDPOINT?.replace(/\/+$/, ""), teamsAppId: e.TEAMS_APP_ID?.toLowerCase() },
    surveys: {
      linkKey: e.SECRET_KOMU_LINK_KEY,
      publicUrl: (e.KOMU_PUBLIC_URL ?? e.TAB_ENDPOINT)?.replace(/\/+$/, ""),
    },
    ...(e.KOMU_LIVESHARE_RELAY_URL && e.KOMU_LIVESHARE_CONTAINERS_URL
      ? {
          liveShare: {
            relayUrl: e.KOMU_LIVESHARE_RELAY_URL.replace(/\/+$/, ""),
            containersUrl: e.KOMU_LIVESHARE_CONTAINERS_URL.replace(/\/+$/, ""),
          },
        }
      : {}),
  };
}

/**
 * Parses dotenv-style text: `NAME=value` lines, `#` comments, optional `export `, single or
 * double quotes (double quotes understand \n), `${NAME}` references to earlier names.
 */
export function parseEnvFile(text: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  // Overrides (e.g. the process environment, or ports chosen at start-up) win over the file and
  // are what later ${NAME} references in the file expand to.
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) out[k] = v;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1] as string;
    let value = m[2] as string;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, "\n").replace(/\\"/g, '"');
    } else {
      value = value.replace(/\s+#.*$/, "").trim();
    }
    if (quote !== "'") value = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_all, ref: string) => out[ref] ?? "");
    if (overrides[name] === undefined) out[name] = value;
  }
  return out;
}

/** Reads a dotenv file. Returns its variables; does not touch process.env. */
export function loadEnvFile(path: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  return parseEnvFile(readFileSync(path, "utf8"), overrides);
}
