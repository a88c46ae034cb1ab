import { describe, expect, it } from "vitest";
import { createMemoryConversationStore } from "./conversation-store.js";
import { createBot } from "./index.js";
import {
  BOT_ID,
  cardIn,
  createFakeBotFramework,
  fakeBotConfig,
  post,
  SERVICE_URL,
  TENANT,
  userActivity,
} from "./test-helpers.js";

async function setup() {
  const fake = await createFakeBotFramework();
  const conversations = createMemoryConversationStore(TENANT);
  const bot = createBot({
    config: fakeBotConfig(),
    conversations,
    fetch: fake.fetch,
    sleep: async () => {},
  });
  return { fake, conversations, bot };
}

describe("bot: incoming token validation", () => {
  it("accepts a valid token and replies to a message in Japanese with a card", async () => {
    const { fake, bot } = await setup();
    const res = await bot.handle(post(userActivity(), await fake.token()));
    expect(res.status).toBe(200);
    const reply = fake.calls.find((c) => c.method === "POST");
    expect(reply?.url).toBe(`${SERVICE_URL}v3/conversations/a%3Aconv-1/activities/1700000000001`);
    expect(reply?.auth).toBe("Bearer bot-token-1");
    const body = reply?.body as {
      text: string;
      replyToId: string;
      attachments: { contentType: string; content: { version: string } }[];
    };
    expect(body.text).toContain("山田 花子 さん");
    expect(body.replyToId).toBe("1700000000001");
    expect(body.attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(body.attachments[0]?.content.version).toBe("1.5");
  });

  it.each([
    ["no token", async () => undefined],
    [
      "a token signed with another key",
      async (f: Awaited<ReturnType<typeof createFakeBotFramework>>) => f.token({}, { key: "other" }),
    ],
    [
      "a token with an unknown kid",
      async (f: Awaited<ReturnType<typeof createFakeBotFramework>>) => f.token({}, { kid: "nope" }),
    ],
    [
      "a token for another audience",
      async (f: Awaited<ReturnType<typeof createFakeBotFramework>>) => f.token({ aud: "someone-else" }),
    ],
    [
      "a token from another issuer",
      async (f: Awaited<ReturnType<typeof createFakeBotFramework>>) => f.token({ iss: "https://evil.example" }),
    ],
    [
      "a token for another serviceUrl",
      async (f: Awaited<ReturnType<typeof createFakeBotFramework>>) => f.token({ serviceurl: "https://evil.example/" }),
    ],
    [
      "an expired token",
      async (f: Awaited<ReturnType<typeof createFakeBotFramework>>) =>
        f.token({}, { iat: Math.floor(Date.now() / 1000) - 7200, expiresIn: 600 }),
    ],
  ])("rejects %s with 401 and does nothing", async (_name, make) => {
    const { fake, bot } = await setup();
    const token = await make(fake);
    const res = await bot.handle(post(userActivity(), token));
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe("UNAUTHENTICATED");
    expect(fake.calls).toHaveLength(0);
  });

  it("rejects a key not endorsed for the activity's channel", async () => {
    const { fake, bot } = await setup();
    const res = await bot.handle(post(userActivity({ channelId: "slack" }), await fake.token()));
    expect(res.status).toBe(401);
  });

  it("answers 400 to garbage carrying a valid token", async () => {
    const { fake, bot } = await setup();
    const token = await fake.token();
    expect((await bot.handle(post("{not json", token))).status).toBe(400);
    const res = await bot.handle(post({ serviceUrl: SERVICE_URL, channelId: "msteams", type: "message" }, token));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
  });
});

describe("bot: install, welcome card and Universal Actions", () => {
  const install = () =>
    userActivity({ type: "conversationUpdate", id: "f:1", text: undefined, membersAdded: [{ id: `28:${BOT_ID}` }] });

  it("saves the conversation reference and sends the welcome card once", async () => {
    const { fake, bot, conversations } = await setup();
    const token = await fake.token();
    expect((await bot.handle(post(install(), token))).status).toBe(200);
    expect((await bot.handle(post(install(), token))).status).toBe(200);
    const sends = fake.calls.filter((c) => c.method === "POST");
    expect(sends).toHaveLength(1);
    expect(sends[0]?.url).toBe(`${SERVICE_URL}v3/conversations/a%3Aconv-1/activities`);
    const card = cardIn(sends[0]);
    expect(card?.refresh.userIds).toEqual(["29:1abc"]);
    expect(card?.actions[0]).toMatchObject({ type: "Action.Execute", title: "確認しました", verb: "welcome.ack" });
    const ref = await conversations.get("aad-user-1");
    expect(ref).toMatchObject({
      conversationId: "a:conv-1",
      serviceUrl: SERVICE_URL,
      userId: "29:1abc",
      welcomeActivityId: "1000",
    });
  });

  const invoke = (verb: string, trigger: "manual" | "automatic" = "manual") =>
    userActivity({
      type: "invoke",
      name: "adaptiveCard/action",
      id: "f:inv",
      text: undefined,
      replyToId: "1000",
      value: { action: { type: "Action.Execute", id: "", verb, data: { card: "welcome" } }, trigger },
    });

  it("acknowledges: answers with the updated card and updates the message for everyone; a repeat says who and when", async () => {
    const { fake, bot, conversations } = await setup();
    const token = await fake.token();
    await bot.handle(post(install(), token));

    const res = await bot.handle(post(invoke("welcome.ack"), token));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: Record<string, any> };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    const text = JSON.stringify(body.value);
    expect(text).toContain("山田 花子 さんが");
    expect(text).toContain("確認しました");
    expect(body.value.refresh.userIds).toEqual([]);
    expect(body.value.actions).toBeUndefined();

    const puts = fake.calls.filter((c) => c.method === "PUT");
    expect(puts).toHaveLength(1);
    expect(puts[0]?.url).toBe(`${SERVICE_URL}v3/conversations/a%3Aconv-1/activities/1000`);
    expect(cardIn(puts[0])).toEqual(body.value);
    expect((await conversations.get("aad-user-1"))?.welcomeAcknowledgedAt).toBeTruthy();

    const again = (await (await bot.handle(post(invoke("welcome.ack"), token))).json()) as { value: unknown };
    expect(JSON.stringify(again.value)).toContain("すでに確認済み");
    expect(fake.calls.filter((c) => c.method === "PUT")).toHaveLength(1);
  });

  it("answers an automatic refresh with the viewer's current card and does not update the message", async () => {
    const { fake, bot } = await setup();
    const token = await fake.token();
    await bot.handle(post(install(), token));
    const before = (await (await bot.handle(post(invoke("welcome.view", "automatic"), token))).json()) as {
      value: Record<string, any>;
    };
    expect(before.value.actions[0].verb).toBe("welcome.ack");
    await bot.handle(post(invoke("welcome.ack"), token));
    const after = (await (await bot.handle(post(invoke("welcome.view", "automatic"), token))).json()) as {
      value: Record<string, any>;
    };
    expect(after.value.actions).toBeUndefined();
    expect(JSON.stringify(after.value)).toContain("確認しました");
    expect(fake.calls.filter((c) => c.method === "PUT")).toHaveLength(1);
  });

  it("answers an unknown verb with a card-friendly error", async () => {
    const { fake, bot } = await setup();
    const res = await bot.handle(post(invoke("nope.verb"), await fake.token()));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      statusCode: 400,
      type: "application/vnd.microsoft.error",
      value: { code: "NotSupported" },
    });
  });

  it("dispatches registered verbs to their handler", async () => {
    const { fake, bot } = await setup();
    bot.onAction("notice.read", async (ctx) => ({
      card: {
        type: "AdaptiveCard",
        version: "1.5",
        body: [{ type: "TextBlock", text: `${ctx.user.name}:${String(ctx.data.noticeId)}` }],
      },
    }));
    const activity = invoke("notice.read");
    (activity.value as { action: { data: unknown } }).action.data = { noticeId: "n-42" };
    const body = (await (await bot.handle(post(activity, await fake.token()))).json()) as { value: unknown };
    expect(JSON.stringify(body.value)).toContain("山田 花子:n-42");
  });
});

describe("bot: proactive sends", () => {
  it("sends a card to a user with a stored conversation and updates it", async () => {
    const { fake, bot } = await setup();
    await bot.handle(
      post(userActivity({ type: "conversationUpdate", membersAdded: [{ id: `28:${BOT_ID}` }] }), await fake.token()),
    );
    const card = { type: "AdaptiveCard" as const, version: "1.5", body: [] };
    const sent = await bot.sendCardToUser("aad-user-1", card, { summary: "お知らせ", notify: true });
    expect(sent).toEqual({ conversationId: "a:conv-1", activityId: "1001", serviceUrl: SERVICE_URL });
    const last = fake.calls.at(-1)!;
    expect(last.body).toMatchObject({ summary: "お知らせ", channelData: { notification: { alert: true } } });
    await bot.updateCard(sent, { ...card, body: [{ type: "TextBlock", text: "更新" }] });
    expect(fake.calls.at(-1)).toMatchObject({
      method: "PUT",
      url: `${SERVICE_URL}v3/conversations/a%3Aconv-1/activities/1001`,
    });
  });

  it("creates the 1:1 conversation when the user has none (with a configured serviceUrl)", async () => {
    const fake = await createFakeBotFramework();
    const conversations = createMemoryConversationStore(TENANT);
    const bot = createBot({
      config: fakeBotConfig({ botPassword: "s", botServiceUrl: SERVICE_URL }),
      conversations,
      fetch: fake.fetch,
    });
    await bot.sendCardToUser("aad-user-2", { type: "AdaptiveCard", version: "1.5", body: [] });
    expect(fake.calls[0]).toMatchObject({
      method: "POST",
      url: `${SERVICE_URL}v3/conversations`,
      body: { members: [{ id: "aad-user-2" }], channelData: { tenant: { id: TENANT } } },
    });
    expect((await conversations.get("aad-user-2"))?.conversationId).toBe("a:new-conversation");
  });

  it("never sends or updates with an invalid card", async () => {
    const { fake, bot } = await setup();
    await bot.handle(
      post(userActivity({ type: "conversationUpdate", membersAdded: [{ id: `28:${BOT_ID}` }] }), await fake.token()),
    );
    const before = fake.calls.length;
    const broken = { type: "AdaptiveCard" as const, version: "1.5", body: [{ type: "Input.Text" }] };
    await expect(bot.sendCardToUser("aad-user-1", broken)).rejects.toMatchObject({ code: "INTERNAL" });
    await expect(
      bot.updateCard({ conversationId: "a:conv-1", activityId: "1001", serviceUrl: SERVICE_URL }, broken),
    ).rejects.toMatchObject({ code: "INTERNAL" });
    expect(fake.calls.length).toBe(before);
  });

  it("refuses to send to a user without a conversation when no serviceUrl is configured", async () => {
    const { bot } = await setup();
    await expect(bot.sendCardToUser("unknown", { type: "AdaptiveCard", version: "1.5" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
