/**
 * Contract replays (core harness, ../contract): Microsoft's documented Bot Connector / Teams
 * examples against the local tenant's connector. Requests are replayed with this tenant's ids;
 * responses and the activities the connector posts to the bot are compared by shape.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cardProblems } from "@komu/functions/bot/cards/validate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BOT_APP_ID } from "../constants.js";
import {
  compareShape,
  describeContract,
  hasContractExamples,
  loadExample,
  replayExample,
  startTestTenant,
} from "../contract/index.js";
import type { RunningTenant } from "../server.js";
import {
  ensurePersonalConversation,
  findActivity,
  invokeCardAction,
  listActivities,
  sendUserMessage,
  teamsUserId,
  uninstallForUser,
} from "./index.js";
import { requestBotToken } from "./test-host.js";

let tenant: RunningTenant;
let recorder: Server;
const received: Record<string, any>[] = [];
let token: string;
let oid: string;
let otherOid: string;

beforeAll(async () => {
  if (!hasContractExamples()) return;
  // A stand-in bot that records what the connector posts and answers invokes with a card.
  recorder = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          statusCode: 200,
          type: "application/vnd.microsoft.card.adaptive",
          value: { type: "AdaptiveCard", version: "1.5", body: [] },
        }),
      );
    });
  });
  await new Promise<void>((r) => recorder.listen(0, "127.0.0.1", r));
  tenant = await startTestTenant({
    botMessagingEndpoint: `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/api/messages`,
    throttle: "off",
  });
  const users = [...tenant.ctx.store.collection<{ id: string }>("users").keys()];
  oid = users[0] as string;
  otherOid = users[1] as string;
  const res = await requestBotToken(tenant);
  token = ((await res.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
  await tenant?.stop();
  recorder?.close();
});

describeContract("Bot Connector contract replays", () => {
  it("teams.bot-create-conversation-1on1: creates the 1:1 chat and answers { id }", async () => {
    const ex = loadExample("teams.bot-create-conversation-1on1");
    const result = await replayExample(tenant, ex, {
      token,
      substitute: { "29:012d20j1cjo20211": teamsUserId(oid), "197231joe-1209j01821-012kdjoj": tenant.tenantId },
      // the docs give no status line; the connector answers 201 Created (ConversationResourceResponse)
      expectStatus: 201,
    });
    expect(result.mismatches).toEqual([]);
    const { id } = result.body as { id: string };
    expect(id).toMatch(/^a:/);
    expect(id).toBe(ensurePersonalConversation(tenant.ctx, oid).id);
    // by Entra object id: the same personal chat
    const again = await replayExample(tenant, ex, {
      token,
      substitute: { "29:012d20j1cjo20211": oid, "197231joe-1209j01821-012kdjoj": tenant.tenantId },
      expectStatus: 201,
    });
    expect((again.body as { id: string }).id).toBe(id);
  });

  it("botframework.create-conversation: Teams needs the tenant id — 400 without it, { id } with it", async () => {
    const ex = loadExample("botframework.create-conversation");
    const substitute = { "1234abcd": teamsUserId(oid) };
    const without = await replayExample(tenant, ex, {
      token,
      path: "/v3/conversations",
      substitute,
      expectStatus: 400,
    });
    expect((without.body as { error: { code: string } }).error.code).toBe("BadArgument");
    const body = { ...(ex.request.body as object), tenantId: tenant.tenantId };
    const withTenant = await replayExample(tenant, ex, {
      token,
      path: "/v3/conversations",
      substitute,
      body,
      expectStatus: 201,
    });
    expect(withTenant.mismatches).toEqual([]);
  });

  it.each([
    "botframework.reply-to-activity",
    "botframework.reply-hero-card",
    "teams.bot-send-message-reply",
    "teams.bot-send-message-notification",
  ])("%s: the reply is stored as sent and answered with a ResourceResponse { id }", async (name) => {
    const ex = loadExample(name);
    const doc = ex.request.body as Record<string, any>;
    const conv = ensurePersonalConversation(tenant.ctx, oid);
    const result = await replayExample(tenant, ex, {
      token,
      method: "POST",
      path: `/v3/conversations/${encodeURIComponent(conv.id)}/activities/${encodeURIComponent(doc.replyToId)}`,
      expectStatus: 201,
    });
    expect(result.mismatches).toEqual([]);
    expect(compareShape({ id: "" }, result.body)).toEqual([]);
    const stored = findActivity(tenant.ctx, conv.id, (result.body as { id: string }).id);
    expect(stored).toMatchObject({
      replyToId: doc.replyToId,
      from: { id: `28:${BOT_APP_ID}` },
      conversation: { id: conv.id },
      channelId: "msteams",
    });
    for (const key of ["text", "summary", "attachments"] as const)
      if (doc[key] !== undefined) expect(stored?.[key]).toEqual(doc[key]);
    if (doc.channelData?.notification) expect(stored?.channelData?.notification).toEqual(doc.channelData.notification);
  });

  it("botframework.adaptive-card-attachment-content: the documented card is accepted as an attachment, stored as sent, and is a valid card", async () => {
    const content = loadExample("botframework.adaptive-card-attachment-content").request.body;
    // the card library Kōmu validates its own cards with (adaptivecards, 1.5): no problems in the documented card
    expect(cardProblems(content)).toEqual([]);
    const conv = ensurePersonalConversation(tenant.ctx, oid);
    const res = await fetch(`${tenant.origin}/v3/conversations/${encodeURIComponent(conv.id)}/activities`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        type: "message",
        attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content }],
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(findActivity(tenant.ctx, conv.id, id)?.attachments).toEqual([
      { contentType: "application/vnd.microsoft.card.adaptive", content },
    ]);
  });

  it("teams.bot-send-403-message-writes-blocked: a user who removed the app gets the documented 403", async () => {
    const ex = loadExample("teams.bot-send-403-message-writes-blocked");
    const conv = uninstallForUser(tenant.ctx, otherOid);
    const result = await replayExample(tenant, ex, {
      token,
      method: "POST",
      path: `/v3/conversations/${encodeURIComponent(conv.id)}/activities`,
      body: { type: "message", text: "お知らせ" },
    });
    expect(result.mismatches).toEqual([]);
    expect(result.body).toEqual(ex.response.body);
    expect(listActivities(tenant.ctx, conv.id)).toHaveLength(0);
  });

  it("teams.incoming-message-activity: what the connector posts to the bot has Teams' shape", async () => {
    const ex = loadExample("teams.incoming-message-activity");
    received.length = 0;
    await sendUserMessage(tenant.ctx, oid, "こんにちは Kōmu");
    const activity = received.at(-1);
    expect(compareShape(ex.request.body, activity)).toEqual([]);
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
      const ex = loadExample(name);
      const doc = ex.request.body as {
        value: { action: { verb: string; data: Record<string, unknown> }; trigger: "manual" | "automatic" };
      };
      const conv = ensurePersonalConversation(tenant.ctx, oid);
      const message = listActivities(tenant.ctx, conv.id).find((a) => a.from.id.startsWith("28:"));
      expect(message).toBeDefined();
      received.length = 0;
      const reply = await invokeCardAction(tenant.ctx, oid, {
        activityId: message?.id as string,
        action: doc.value.action,
        trigger: doc.value.trigger,
      });
      expect(reply.status).toBe(200);
      const invoke = received.at(-1);
      expect(compareShape(ex.request.body, invoke)).toEqual([]);
      expect(invoke?.value).toEqual(doc.value);
      expect(invoke).toMatchObject({
        type: "invoke",
        name: "adaptiveCard/action",
        replyToId: message?.id,
        from: { aadObjectId: oid },
      });
    },
  );
});
