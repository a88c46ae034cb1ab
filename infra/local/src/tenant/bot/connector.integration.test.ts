/**
 * The Bot Connector and the Teams client against Kōmu's real bot: a local tenant and a tiny Hono
 * app hosting createBot(...).handle on a random port (startTenantWithKomuBot).
 */
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_APP_ID, KOMU_CLIENT_ID } from "../constants.js";
import type { RunningTenant } from "../server.js";
import { ACTIVITY_EVENT, type ActivityEvent, listActivities, type StoredActivity, teamsUserId } from "./index.js";
import { requestBotToken, startTenantWithKomuBot, type TenantWithBot } from "./test-host.js";

let host: TenantWithBot;
let tenant: RunningTenant;
let conversations: TenantWithBot["conversations"];
let komuBot: TenantWithBot["bot"];
let userId: string;

beforeAll(async () => {
  host = await startTenantWithKomuBot({
    tenant: { komuOrigin: "http://localhost:7071", throttle: "documented", faultRate: 0 },
    bot: (t) => ({ botServiceUrl: `${t.origin}/` }),
  });
  ({ tenant, conversations, bot: komuBot } = host);
  const users = tenant.ctx.store.collection<{ id: string; displayName?: string; userPrincipalName?: string }>("users");
  let first = [...users.values()][0];
  if (!first) {
    first = {
      id: "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
      displayName: "山田 花子",
      userPrincipalName: "hanako.yamada@aoba-edu.example",
    };
    users.set(first.id, first);
  }
  userId = first.id;
});

afterAll(async () => {
  await host?.stop();
});

/** A cookie-keeping client of the Teams client page's API. */
function teamsClient() {
  let cookie = "";
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${tenant.httpOrigin}${path}`, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = res.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0] ?? "";
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

const findActivityIn = (conversationId: string, id: string) =>
  listActivities(tenant.ctx, conversationId).find((a) => a.id === id);
const cardOf = (a: StoredActivity | undefined) => a?.attachments?.[0]?.content as Record<string, any> | undefined;

async function botToken(): Promise<string> {
  const res = await requestBotToken(tenant);
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe("Bot Connector + Teams client + Kōmu's bot", () => {
  it("installs on first open, the bot sends the welcome card once, Action.Execute updates it for everyone", async () => {
    const client = teamsClient();
    expect((await client("POST", "/teams/api/session", { userId, password: "wrong" })).status).toBe(401);
    expect(
      (await client("POST", "/teams/api/session", { userId, password: tenant.ctx.config.devPassword })).status,
    ).toBe(200);

    const me = await client("GET", "/teams/api/me");
    expect(me.body.user).toMatchObject({ id: userId, teamsId: teamsUserId(userId) });
    expect(me.body.tabs.length).toBeGreaterThan(0);

    const sso = await client("POST", "/teams/api/token");
    expect(decodeJwt(sso.body.token)).toMatchObject({
      aud: KOMU_CLIENT_ID,
      oid: userId,
      scp: "access_as_user",
      tid: tenant.tenantId,
    });

    const chat = await client("GET", "/teams/api/chat");
    expect(chat.status).toBe(200);
    expect(chat.body.installed).toBe(true);
    const welcome = (chat.body.activities as StoredActivity[]).find(
      (a) => cardOf(a)?.actions?.[0]?.verb === "welcome.ack",
    );
    expect(welcome).toBeDefined();
    expect(welcome?.from.id).toBe(`28:${BOT_APP_ID}`);
    expect(cardOf(welcome)?.refresh.userIds).toEqual([teamsUserId(userId)]);
    // reopening does not re-send conversationUpdate / the welcome
    const again = await client("GET", "/teams/api/chat");
    expect(
      (again.body.activities as StoredActivity[]).filter((a) => cardOf(a)?.actions?.[0]?.verb === "welcome.ack"),
    ).toHaveLength(1);
    expect((await conversations.get(userId))?.welcomeActivityId).toBe(welcome?.id);

    // automatic refresh (the viewer is in refresh.userIds)
    const refresh = await client("POST", "/teams/api/invoke", {
      activityId: welcome?.id,
      action: { verb: "welcome.view", data: { card: "welcome" } },
      trigger: "automatic",
    });
    expect(refresh.body.status).toBe(200);
    expect(refresh.body.body.value.actions[0].verb).toBe("welcome.ack");

    const events: ActivityEvent[] = [];
    const listener = (e: ActivityEvent) => events.push(e);
    tenant.ctx.bus.on(ACTIVITY_EVENT, listener);
    const clicked = await client("POST", "/teams/api/invoke", {
      activityId: welcome?.id,
      action: { verb: "welcome.ack", data: { card: "welcome" } },
      trigger: "manual",
    });
    tenant.ctx.bus.off(ACTIVITY_EVENT, listener);
    expect(clicked.body.status).toBe(200);
    expect(clicked.body.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(JSON.stringify(clicked.body.body.value)).toContain("確認しました");

    // the message was updated (PUT) for everyone and announced live
    const stored = listActivities(tenant.ctx, chat.body.conversationId).find((a) => a.id === welcome?.id);
    expect(stored?.lastModified).toBeTruthy();
    expect(cardOf(stored)?.actions).toBeUndefined();
    expect(cardOf(stored)?.refresh.userIds).toEqual([]);
    expect(events.some((e) => e.kind === "updated" && e.activity.id === welcome?.id)).toBe(true);

    // a late click says who already did it and when
    const late = await client("POST", "/teams/api/invoke", {
      activityId: welcome?.id,
      action: { verb: "welcome.ack", data: {} },
      trigger: "manual",
    });
    expect(JSON.stringify(late.body.body.value)).toContain("すでに確認済み");
  });

  it("delivers a typed message to the bot, which replies with a card", async () => {
    const client = teamsClient();
    await client("POST", "/teams/api/session", { userId, password: tenant.ctx.config.devPassword });
    const sent = await client("POST", "/teams/api/messages", { text: "使い方を教えて" });
    expect(sent.status).toBe(201);
    expect(sent.body.bot.status).toBe(200);
    const chat = await client("GET", "/teams/api/chat");
    const reply = (chat.body.activities as StoredActivity[]).find((a) => a.replyToId === sent.body.activity.id);
    expect(reply?.text).toContain("Kōmu");
    expect(reply?.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  });

  it("lets the bot send proactively, and rejects calls without a bot token", async () => {
    const token = await botToken();
    const created = await fetch(`${tenant.origin}/v3/conversations`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        bot: { id: `28:${BOT_APP_ID}` },
        members: [{ id: teamsUserId(userId) }],
        channelData: { tenant: { id: tenant.tenantId } },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(id).toMatch(/^a:/);
    const members = await fetch(`${tenant.origin}/v3/conversations/${encodeURIComponent(id)}/members`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await members.json()).toEqual([expect.objectContaining({ id: teamsUserId(userId), aadObjectId: userId })]);
    const anonymous = await fetch(`${tenant.origin}/v3/conversations/${encodeURIComponent(id)}/activities`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "message", text: "x" }),
    });
    expect(anonymous.status).toBe(401);
  });

  it("a user who removed Kōmu: the bot's proactive send is refused (403 → FORBIDDEN) until it is added again", async () => {
    const client = teamsClient();
    await client("POST", "/teams/api/session", { userId, password: tenant.ctx.config.devPassword });
    const card = { type: "AdaptiveCard" as const, version: "1.5", body: [{ type: "TextBlock", text: "お知らせ" }] };
    const sent = await komuBot.sendCardToUser(userId, card, { summary: "お知らせ" });
    expect(findActivityIn(sent.conversationId, sent.activityId)).toBeDefined();

    expect((await client("POST", "/teams/api/uninstall")).status).toBe(204);
    await expect(komuBot.sendCardToUser(userId, card)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const reopened = await client("GET", "/teams/api/chat");
    expect(reopened.body).toMatchObject({ installed: false, removed: true });

    const added = await client("POST", "/teams/api/install");
    expect(added.body).toMatchObject({ installed: true, removed: false });
    await expect(komuBot.sendCardToUser(userId, card)).resolves.toMatchObject({ conversationId: sent.conversationId });
  });

  it("throttles a burst to one conversation with 429 and Retry-After", async () => {
    const token = await botToken();
    const chat = listActivities(tenant.ctx, "");
    expect(chat).toEqual([]);
    const conv = [...tenant.ctx.store.collection<{ id: string }>("botConversations").values()][0];
    if (!conv) throw new Error("no conversation yet");
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${tenant.origin}/v3/conversations/${encodeURIComponent(conv.id)}/activities`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ type: "message", text: `burst ${i}` }),
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
      await res.body?.cancel();
    }
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(8);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });
});
