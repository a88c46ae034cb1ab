/**
 * Acceptance (issue 2, identity and access) against real pieces only: the local Microsoft 365
 * tenant (seeded demo town, https with the dev CA), Azurite (global setup), and Kōmu's real
 * adapters built by createDeps: MSAL client credentials + Graph SDK for group memberships,
 * jose against the tenant's JWKS, Azure Tables for the audit log. Users sign in with ROPC and
 * the dev password, as a test client would.
 *   - GET /api/me returns schools and roles from the seeded groups;
 *   - a teacher of school A gets 403 on school B's resources and 200 on their own where the
 *     capability allows; a principal verifies their own school's audit log, not another's;
 *   - students never reach staff data; tokens issued for Graph (wrong audience) are refused;
 *   - refused attempts on a school are recorded in that school's audit log (auth.denied).
 */
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createApp } from "@komu/functions/app";
import { loadConfig, loadEnvFile } from "@komu/functions/config";
import { createDeps, type RuntimeDeps, silentLogger } from "@komu/functions/deps";
import type { KomuApp } from "@komu/functions/http/types";
import { ensureDevCa } from "@komu/local/devca";
import {
  BOT_APP_ID,
  DEV_PASSWORD,
  KOMU_CLIENT_ID,
  KOMU_CLIENT_SECRET,
  type RunningTenant,
  startTenant,
} from "@komu/local/tenant/index";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = Record<string, any>;

let tenant: RunningTenant;
let deps: RuntimeDeps;
let app: KomuApp;
const tokens = new Map<string, string>();

async function signIn(upn: string, scope = `${KOMU_CLIENT_ID}/access_as_user`): Promise<string> {
  const key = `${upn} ${scope}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const res = await fetch(`${tenant.origin}/${tenant.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      client_id: KOMU_CLIENT_ID,
      client_secret: KOMU_CLIENT_SECRET,
      username: upn,
      password: DEV_PASSWORD,
      scope,
    }),
  });
  if (!res.ok) throw new Error(`sign-in of ${upn} failed: ${res.status} ${await res.text()}`);
  const token = ((await res.json()) as { access_token: string }).access_token;
  tokens.set(key, token);
  return token;
}

async function call(user: { upn: string }, path: string, init: RequestInit = {}) {
  const res = await app.request(path, {
    ...init,
    headers: { ...(init.headers ?? {}), authorization: `Bearer ${await signIn(user.upn)}` },
  });
  return { status: res.status, body: (await res.json()) as Json };
}

beforeAll(async () => {
  const caDir = process.env.KOMU_TEST_DEV_CA_DIR;
  const connectionString = process.env.KOMU_TEST_STORAGE_CONNECTION_STRING;
  if (!caDir || !connectionString) throw new Error("run through the root Vitest config (tests/setup/global.ts)");
  tenant = await startTenant({ port: 0, tls: await ensureDevCa(caDir), throttle: "off" });
  // The committed local settings, pointed at this tenant's random port and this test's tables.
  const local = loadEnvFile(fileURLToPath(new URL("../../env/.env.local", import.meta.url)));
  const env = Object.fromEntries(
    Object.entries(local).map(([k, v]) => [k, v.replaceAll("localhost:7072", `localhost:${tenant.port}`)]),
  );
  const config = loadConfig({
    ...env,
    M365_PORT: String(tenant.port),
    AZURE_STORAGE_CONNECTION_STRING: connectionString,
    KOMU_TABLE_PREFIX: `t${randomBytes(4).toString("hex")}`,
  });
  deps = await createDeps(config, { logger: silentLogger });
  app = createApp(deps);
});
afterAll(async () => {
  await deps?.dispose();
  await tenant?.stop();
});

describe("identity and access against the local tenant", () => {
  it("GET /api/me returns schools and roles from the seeded groups", async () => {
    const teacher = KNOWN_USERS.aobaTeacher;
    const me = await call(teacher, "/api/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      oid: teacher.id,
      tenantId: tenant.tenantId,
      name: teacher.displayName,
      upn: teacher.upn,
      kind: "staff",
    });
    expect(me.body.schools).toEqual([
      { id: "aoba-e", name: "青葉小学校", roles: [...teacher.roles].sort(), staff: true },
    ]);

    const board = await call(KNOWN_USERS.boardSuperintendent, "/api/me");
    expect(board.body.kind).toBe("board");
    expect(board.body.schools[0]).toMatchObject({ id: "boe", roles: ["boardStaff"] });

    const admin = await call(KNOWN_USERS.boardAdmin, "/api/me");
    expect(admin.body.kind).toBe("admin");
    expect(admin.body.roles).toContain("admin");

    const student = await call(KNOWN_USERS.aobaStudent, "/api/me");
    expect(student.body.kind).toBe("student");
    expect(student.body.schools).toEqual([{ id: "aoba-e", name: "青葉小学校", roles: ["student"], staff: false }]);
  });

  it("a teacher of school A gets 403 on school B's resources and 200 on their own", async () => {
    const teacherA = KNOWN_USERS.aobaTeacher;
    expect((await call(teacherA, "/api/schools/aoba-e")).body).toEqual({ id: "aoba-e", name: "青葉小学校" });
    for (const path of [
      "/api/schools/higashi-e",
      "/api/audit/verify?schoolId=higashi-e",
      "/api/audit/verify?schoolId=aoba-e",
    ]) {
      const res = await call(teacherA, path);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const teacherB = KNOWN_USERS.higashiTeacher;
    expect((await call(teacherB, "/api/schools/higashi-e")).status).toBe(200);
    expect((await call(teacherB, "/api/schools/aoba-e")).status).toBe(403);
    expect((await call(teacherA, "/api/schools")).body.items).toEqual([{ id: "aoba-e", name: "青葉小学校" }]);
  });

  it("the principal of A verifies A's audit log (real chain in Azure Tables), not B's", async () => {
    const principal = KNOWN_USERS.aobaPrincipal;
    await deps.storage.audit.append("aoba-e", {
      kind: "entity.created",
      actor: { oid: principal.id, name: principal.displayName },
      target: { kind: "test", id: "t-1" },
      data: {},
    });
    const own = await call(principal, "/api/audit/verify?schoolId=aoba-e");
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ schoolId: "aoba-e", ok: true });
    expect(own.body.checked).toBeGreaterThanOrEqual(1);
    expect((await call(principal, "/api/audit/verify?schoolId=higashi-e")).status).toBe(403);
    const admin = await call(KNOWN_USERS.boardAdmin, "/api/audit/verify?schoolId=higashi-e");
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ schoolId: "higashi-e", ok: true });
    // School B's log holds the evidence of every refused attempt on B, and who checked it.
    const { items } = await deps.storage.audit.list("higashi-e");
    const kinds = items.map((r) => `${r.event.kind}:${r.event.actor.oid}`);
    expect(kinds).toContain(`auth.denied:${KNOWN_USERS.aobaTeacher.id}`);
    expect(kinds).toContain(`auth.denied:${principal.id}`);
    expect(kinds.at(-1)).toBe(`admin.auditVerified:${KNOWN_USERS.boardAdmin.id}`);
    expect(items.every((r) => r.event.kind !== "auth.denied" || r.event.target.id === "higashi-e")).toBe(true);
  });

  it("the board sees every school of the town; admins see dead letters; students and teachers do not", async () => {
    const board = await call(KNOWN_USERS.boardSuperintendent, "/api/schools");
    expect(board.body.items.map((s: { id: string }) => s.id)).toEqual([
      "aoba-e",
      "aoba-j",
      "boe",
      "higashi-e",
      "nishi-e",
    ]);
    expect((await call(KNOWN_USERS.boardSuperintendent, "/api/schools/nishi-e")).status).toBe(200);
    expect((await call(KNOWN_USERS.boardAdmin, "/api/admin/outbox/dead-letters")).status).toBe(200);
    for (const user of [KNOWN_USERS.aobaStudent, KNOWN_USERS.aobaTeacher, KNOWN_USERS.aobaPrincipal]) {
      expect((await call(user, "/api/admin/outbox/dead-letters")).status).toBe(403);
    }
    expect((await call(KNOWN_USERS.aobaStudent, "/api/audit/verify?schoolId=aoba-e")).status).toBe(403);
    expect((await call(KNOWN_USERS.aobaStudent, "/api/tasks")).body).toEqual({ items: [], incomplete: [] });
  });

  it("refuses tokens the tenant issued for another audience, and tampered ones", async () => {
    const graphToken = await signIn(KNOWN_USERS.aobaTeacher.upn, "https://graph.microsoft.com/User.Read");
    const res = await app.request("/api/me", { headers: { authorization: `Bearer ${graphToken}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("The token audience is not accepted");
    const good = await signIn(KNOWN_USERS.aobaTeacher.upn);
    const [h, p, s] = good.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, oid: KNOWN_USERS.boardAdmin.id })).toString("base64url");
    expect((await app.request("/api/me", { headers: { authorization: `Bearer ${h}.${forged}.${s}` } })).status).toBe(
      401,
    );
  });

  it("counts the Graph calls behind principal resolution (cached per user)", async () => {
    deps.graph.calls.reset();
    const user = KNOWN_USERS.aobaNurse;
    for (let i = 0; i < 5; i++) expect((await call(user, "/api/me")).status).toBe(200);
    expect(deps.graph.calls.snapshot()).toEqual({ "GET /users/{id}/memberOf/microsoft.graph.group": 1 });
  });

  it("POST /api/messages refuses the same bad tokens (the real bot validates Bot Framework tokens)", async () => {
    const serviceUrl = `${tenant.origin}/`;
    const activity = {
      type: "message",
      id: "a1",
      channelId: "msteams",
      serviceUrl,
      from: { id: "29:x", aadObjectId: KNOWN_USERS.aobaTeacher.id },
      recipient: { id: `28:${BOT_APP_ID}` },
      conversation: { id: "c1", conversationType: "personal", tenantId: tenant.tenantId },
      text: "こんにちは",
    };
    const botClaims = { iss: "https://api.botframework.com", aud: BOT_APP_ID, serviceurl: serviceUrl };
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const stranger = await generateKeyPair("RS256");
    const now = Math.floor(Date.now() / 1000);
    const bad: Record<string, string | undefined> = {
      none: undefined,
      unknownKey: await new SignJWT({ ...botClaims, iat: now, exp: now + 600 })
        .setProtectedHeader({ alg: "RS256", kid: "unknown" })
        .sign(stranger.privateKey),
      algNone: `${b64({ alg: "none" })}.${b64({ ...botClaims, exp: now + 600 })}.`,
      expired: await tenant.ctx.signToken(botClaims, { expiresInSeconds: -600 }),
      wrongAudience: await tenant.ctx.signToken({ ...botClaims, aud: KOMU_CLIENT_ID }),
      // A user's token for Kōmu's API (another issuer) is no Bot Framework token.
      userToken: await signIn(KNOWN_USERS.aobaTeacher.upn),
    };
    for (const [kind, token] of Object.entries(bad)) {
      const res = await app.request("/api/messages", {
        method: "POST",
        body: JSON.stringify(activity),
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      expect(res.status, kind).toBe(401);
    }
  });
});
