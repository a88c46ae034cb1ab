/**
 * Test support: the real app (real token validator against a local test issuer, real principal
 * resolver) over fake adapters for Graph groups, storage and the bot. Not used in production.
 */
import { KomuError } from "@komu/shared";
import { type CreateAppOptions, createApp } from "../app.js";
import { type Config, loadConfig } from "../config.js";
import type { AppDeps, Logger } from "../deps.js";
import type { GraphGateway, GraphGroupRef } from "../graph/gateway.js";
import { createStaticSchoolDirectory } from "../graph/school-directory.js";
import { createPrincipalResolver } from "../identity/principal.js";
import { startTestIssuer, TEST_AUDIENCE, TEST_TENANT, type TestIssuer } from "../identity/test-issuer.js";
import { createTokenValidator } from "../identity/token-validator.js";
import { coreTaskSources } from "../routes/index.js";
import type { Storage } from "../storage/index.js";

export const USERS = {
  teacherA: "00000000-0000-4000-8000-00000000000a",
  principalA: "00000000-0000-4000-8000-00000000000b",
  teacherB: "00000000-0000-4000-8000-00000000000c",
  student: "00000000-0000-4000-8000-00000000000d",
  board: "00000000-0000-4000-8000-00000000000e",
  admin: "00000000-0000-4000-8000-00000000000f",
  outsider: "00000000-0000-4000-8000-000000000010",
} as const;

/** Kōmu's groups are role-assignable security groups (identity/groups.ts). */
const grp = (mailNickname: string, displayName = mailNickname): GraphGroupRef => ({
  id: `g-${mailNickname}`,
  mailNickname,
  displayName,
  securityEnabled: true,
  isAssignableToRole: true,
  groupTypes: [],
});

export const GROUPS: Record<string, GraphGroupRef[]> = {
  [USERS.teacherA]: [grp("komu-aoba-e-staff", "青葉小学校 教職員"), grp("komu-aoba-e-teacher")],
  [USERS.principalA]: [grp("komu-aoba-e-staff", "青葉小学校 教職員"), grp("komu-aoba-e-principal")],
  [USERS.teacherB]: [grp("komu-higashi-e-staff", "東小学校 教職員"), grp("komu-higashi-e-teacher")],
  [USERS.student]: [grp("komu-aoba-e-students")],
  [USERS.board]: [grp("komu-boe-staff", "青葉町教育委員会 教職員")],
  [USERS.admin]: [grp("komu-admins")],
  [USERS.outsider]: [grp("Everyone")],
};

export const DEAD_LETTER_ID = "3f786850e387550fdab836ed7e6dc881de23001b";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  issuer: TestIssuer;
  tokenFor(oid: string, claims?: Record<string, unknown>): Promise<string>;
  logs: { level: string; message: string; data?: Record<string, unknown> }[];
  replays: string[];
  audited: { schoolId: string; event: Record<string, unknown> }[];
  stop(): Promise<void>;
}

function loadConfigFor(issuer: string): Config {
  const base = loadConfig({
    KOMU_ENV: "local",
    AAD_APP_TENANT_ID: TEST_TENANT,
    AAD_APP_CLIENT_ID: TEST_AUDIENCE,
    SECRET_AAD_APP_CLIENT_SECRET: "test-secret",
    AAD_APP_OAUTH_AUTHORITY_HOST: "https://localhost:7072",
    GRAPH_BASE_URL: "https://localhost:7072/v1.0",
    BOT_ID: "2b7e4f1a-6c3d-4a8e-b5f9-0d1e2c3b4a59",
    SECRET_BOT_PASSWORD: "test-bot",
    AZURE_STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true",
  });
  // The test issuer speaks plain http on 127.0.0.1, which configuration would refuse.
  return { ...base, trustedIssuers: [issuer] };
}

export async function startTestApp(options: CreateAppOptions & { storage?: Partial<Storage> } = {}): Promise<TestApp> {
  const issuer = await startTestIssuer();
  const config = loadConfigFor(issuer.issuer);
  const logs: TestApp["logs"] = [];
  const logger: Logger = {
    info: (message, data) => logs.push({ level: "info", message, ...(data ? { data } : {}) }),
    warn: (message, data) => logs.push({ level: "warn", message, ...(data ? { data } : {}) }),
    error: (message, data) => logs.push({ level: "error", message, ...(data ? { data } : {}) }),
  };
  const replays: string[] = [];
  const audited: TestApp["audited"] = [];
  const storage = {
    audit: {
      append: async (schoolId: string, event: Record<string, unknown>) => {
        audited.push({ schoolId, event });
        return { id: `e${audited.length}`, seq: audited.length };
      },
      verify: async (_schoolId: string) => ({ ok: true, checked: 3, lastSeq: 3 }),
    },
    outbox: {
      listDeadLetters: async (schoolId?: string) =>
        [
          {
            id: DEAD_LETTER_ID,
            schoolId: "aoba-e",
            kind: "bot.sendCard",
            dedupeKey: "k",
            payload: { secret: "class II data" },
            attempts: 8,
            lastError: "503 Service Unavailable",
            createdAt: "2025-04-01T00:00:00.000Z",
            deadLetteredAt: "2025-04-01T01:00:00.000Z",
          },
        ].filter((d) => !schoolId || d.schoolId === schoolId),
      replay: async (id: string) => {
        if (id !== DEAD_LETTER_ID) throw new KomuError("NOT_FOUND", { details: { kind: "deadLetter", id } });
        replays.push(id);
        return { id, schoolId: "aoba-e" };
      },
    },
    ...options.storage,
  } as unknown as Storage;
  const graph = {
    memberGroupsOf: async (userId: string) => {
      const groups = GROUPS[userId];
      if (!groups) throw new KomuError("NOT_FOUND");
      return groups;
    },
  } as unknown as GraphGateway;
  const deps: AppDeps = {
    config,
    clock: () => new Date(),
    storage,
    graph,
    principals: createPrincipalResolver({ graph }),
    tokenValidator: createTokenValidator({
      issuers: config.trustedIssuers,
      audiences: config.apiAudiences,
      tenantId: config.tenantId,
      requiredScope: "access_as_user",
    }),
    bot: {
      handle: async (request) => {
        const body = await request.text();
        return new Response(JSON.stringify({ echoed: JSON.parse(body), auth: request.headers.get("authorization") }), {
          status: 200,
          headers: { "content-type": "application/json" },
        });
      },
    },
    logger,
    schools: createStaticSchoolDirectory([
      { id: "aoba-e", name: "青葉小学校" },
      { id: "aoba-j", name: "青葉中学校" },
      { id: "boe", name: "青葉町教育委員会" },
      { id: "higashi-e", name: "東小学校" },
      { id: "nishi-e", name: "西小学校" },
    ]),
    taskSources: coreTaskSources(),
    version: "9.9.9-test",
  };
  const app = createApp(deps, options);
  return {
    app,
    deps,
    issuer,
    logs,
    replays,
    audited,
    tokenFor: (oid, claims = {}) => issuer.token({ oid, ...claims }),
    stop: () => issuer.stop(),
  };
}
