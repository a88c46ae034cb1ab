/**
 * Contract replays: Microsoft's documented Bot Connector / Teams examples against the local
 * tenant's connector (requests replayed with this tenant's ids; responses and the activities the
 * connector sends to the bot compared by shape).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDevCa } from "../../devca.js";
import { BOT_APP_ID, BOT_PASSWORD } from "../constants.js";
import { type RunningTenant, startTenant } from "../server.js";
import { example, haveContracts, shapeDiff } from "./contract-shape.js";
import { ensurePersonalConversation, findActivity, invokeCardAction, listActivities, sendUserMessage, teamsUserId, uninstallForUser } from "./index.js";

let tenant: RunningTenant;
let recorder: Server;
const received: Record<string, any>[] = [];
let token: string;
let oid: string;
let otherOid: string;

beforeAll(async () => {
  if (!haveContracts) return;
  recorder = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: { type: "AdaptiveCard", version: "1.5", body: [] } }));
    });
  });
  await new Promise<void>((r) => recorder.listen(0, "127.0.0.1", r));
  const tls = await ensureDevCa(process.env.KOMU_TEST_DEV_CA_DIR ?? join(tmpdir(), "komu-test-dev-ca"));
  tenant = await startTenant({ port: 0, tls, botMessagingEndpoint: `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/api/messages`, throttle: "off" });
  const users = [...tenant.ctx.store.collection<{ id: string }>("users").keys()];
  oid = users[0] as string;
  otherOid = users[1] as string;
  const res = await fetch(`${tenant.origin}/botframework.com/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: BOT_APP_ID, client_secret: BOT_PASSWORD, scope: "https://api.botframework.com/.default" }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
  await tenant?.stop();
  recorder?.close();
});

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${tenant.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe.skipIf(!haveContracts)("Bot Connector contract replays", () => {
  it("teams.bot-create-conversation-1on1: creates the 1:1 chat and answers { id }", async () => {
    const ex = example("teams.bot-create-conversation-1on1");
    const body = structuredClone(ex.request.body);
    body.members[0].id = teamsUserId(oid);
    body.channelData.tenant.id = tenant.tenantId;
    const res = await call(ex.request.method as string, ex.request.path as string, body);
    expect(res.status).toBe(201);
    const json = await res.json();
    expect(shapeDiff(json, ex.response.body)).toEqual([]);
    expect(json.id).toMatch(/^a:/);
    // the same user gets the same personal chat (by Teams id or by Entra object id)
    const again = await (await call("POST", "/v3/conversations", { ...body, members: [{ id: oid }] })).json();
    expect(again.id).toBe(json.id);
  });

  it("botframework.create-conversation: Teams needs the tenant id (400 without it)", async () => {
    const ex = example("botframework.create-conversation");
    const body = structuredClone(ex.request.body);
    body.members[0].id = teamsUserId(oid);
    const res = await call("POST", "/v3/conversations", body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("BadArgument");
    const ok = await call("POST", "/v3/conversations", { ...body, tenantId: tenant.tenantId });
    expect(ok.status).toBe(201);
    expect(shapeDiff(await ok.json(), ex.response.body)).toEqual([]);
  });

  it.each(["botframework.reply-to-activity", "botframework.reply-hero-card", "teams.bot-send-message-reply", "teams.bot-send-message-notification"])(
    "%s: the reply is stored as documented and answered with a ResourceResponse",
    async (name) => {
      const ex = example(name);
      const conv = ensurePersonalConversation(tenant.ctx, oid);
      const res = await call("POST", `/v3/conversations/${encodeURIComponent(conv.id)}/activities/${encodeURIComponent(ex.request.body.replyToId)}`, ex.request.body);
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      expect(typeof id).toBe("string");
      const stored = findActivity(tenant.ctx, conv.id, id);
      expect(stored).toBeDefined();
      expect(stored?.replyToId).toBe(ex.request.body.replyToId);
      expect(stored?.from.id).toBe(`28:${BOT_APP_ID}`);
      expect(stored?.conversation.id).toBe(conv.id);
      for (const key of ["text", "summary", "attachments"] as const) {
        if (ex.request.body[key] !== undefined) expect(stored?.[key]).toEqual(ex.request.body[key]);
      }
      if (ex.request.body.channelData?.notification) expect(stored?.channelData?.notification).toEqual(ex.request.body.channelData.notification);
    },
  );

  it("teams.bot-send-403-message-writes-blocked: a user who removed the app gives the documented 403", async () => {
    const ex = example("teams.bot-send-403-message-writes-blocked");
    const conv = uninstallForUser(tenant.ctx, otherOid);
    const res = await call("POST", `/v3/conversations/${encodeURIComponent(conv.id)}/activities`, { type: "message", text: "お知らせ" });
    expect(res.status).toBe(ex.response.status);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual(ex.response.body);
    expect(listActivities(tenant.ctx, conv.id)).toHaveLength(0);
  });

  it("teams.incoming-message-activity: what the connector posts to the bot has Teams' shape", async () => {
    const ex = example("teams.incoming-message-activity");
    received.length = 0;
    await sendUserMessage(tenant.ctx, oid, "こんにちは Kōmu");
    const activity = received.at(-1);
    expect(shapeDiff(activity, ex.request.body)).toEqual([]);
    expect(activity).toMatchObject({
      type: "message",
      channelId: "msteams",
      serviceUrl: `${tenant.origin}/`,
      from: { id: teamsUserId(oid), aadObjectId: oid },
      recipient: { id: `28:${BOT_APP_ID}` },
      conversation: { conversationType: "personal" },
      channelData: { tenant: { id: tenant.tenantId } },
      locale: "ja-JP",
      text: "こんにちは Kōmu",
    });
  });

  it.each(["teams.invoke-adaptivecard-action-execute", "teams.invoke-adaptivecard-action-refresh"])(
    "%s: the invoke the connector posts to the bot has the documented shape",
    async (name) => {
      const ex = example(name);
      const conv = ensurePersonalConversation(tenant.ctx, oid);
      const message = listActivities(tenant.ctx, conv.id).find((a) => a.from.id.startsWith("28:"));
      expect(message).toBeDefined();
      received.length = 0;
      const reply = await invokeCardAction(tenant.ctx, oid, {
        activityId: message?.id as string,
        action: ex.request.body.value.action,
        trigger: ex.request.body.value.trigger,
      });
      expect(reply.status).toBe(200);
      const invoke = received.at(-1);
      expect(shapeDiff(invoke, ex.request.body)).toEqual([]);
      expect(invoke?.value).toEqual(ex.request.body.value);
      expect(invoke).toMatchObject({ type: "invoke", name: "adaptiveCard/action", replyToId: message?.id, from: { aadObjectId: oid } });
    },
  );
});
