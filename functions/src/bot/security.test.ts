/**
 * The bot's trust boundaries: activities from another tenant are refused before any side effect;
 * only personal (1:1) conversations become a user's conversation reference; signing keys must be
 * endorsed for the activity's channel.
 */
import { describe, expect, it } from "vitest";
import { createMemoryConversationStore } from "./conversation-store.js";
import { createBot } from "./index.js";
import {
  BOT_ID,
  createFakeBotFramework,
  fakeBotConfig,
  post,
  SERVICE_URL,
  TENANT,
  userActivity,
} from "./test-helpers.js";
import type { ActionContext } from "./types.js";

const FOREIGN = "72f988bf-86f1-41af-91ab-2d7cd011db47";

async function setup(fakeOptions: Parameters<typeof createFakeBotFramework>[0] = {}) {
  const fake = await createFakeBotFramework(fakeOptions);
  const conversations = createMemoryConversationStore(TENANT);
  const warnings: string[] = [];
  const bot = createBot({
    config: fakeBotConfig(),
    conversations,
    fetch: fake.fetch,
    sleep: async () => {},
    logger: { info() {}, warn: (event) => warnings.push(event), error() {} },
  });
  return { fake, conversations, bot, warnings };
}

const install = (overrides: Record<string, unknown> = {}) =>
  userActivity({
    type: "conversationUpdate",
    id: "f:1",
    text: undefined,
    membersAdded: [{ id: `28:${BOT_ID}` }],
    ...overrides,
  });

const invoke = (verb: string, data: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) =>
  userActivity({
    type: "invoke",
    name: "adaptiveCard/action",
    id: "f:inv",
    text: undefined,
    replyToId: "1000",
    value: { action: { type: "Action.Execute", id: "", verb, data }, trigger: "manual" },
    ...overrides,
  });

describe("bot: activities from another tenant", () => {
  const foreign: [string, Record<string, unknown>][] = [
    ["channelData.tenant.id of another tenant", { channelData: { tenant: { id: FOREIGN } } }],
    [
      "conversation.tenantId of another tenant",
      { conversation: { id: "a:conv-1", conversationType: "personal", tenantId: FOREIGN } },
    ],
    [
      "no tenant at all on an msteams activity",
      { channelData: {}, conversation: { id: "a:conv-1", conversationType: "personal" } },
    ],
  ];

  it.each(foreign)("a message with %s: 403 FORBIDDEN (bilingual), nothing sent or stored", async (_n, over) => {
    const { fake, bot, conversations, warnings } = await setup();
    const res = await bot.handle(post(userActivity(over), await fake.token()));
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: { ja: string; en: string } } };
    expect(body.error.code).toBe("FORBIDDEN");
    expect(body.error.message.ja).toContain("この組織からの要求は受け付けていません");
    expect(body.error.message.en.toLowerCase()).toContain("not accepted from this organisation");
    expect(fake.calls).toHaveLength(0);
    expect(conversations.all()).toHaveLength(0);
    expect(warnings).toContain("bot.tenant.refused");
  });

  it.each(foreign)("an install with %s: no reference stored, no welcome card", async (_n, over) => {
    const { fake, bot, conversations } = await setup();
    const res = await bot.handle(post(install(over), await fake.token()));
    expect(res.status).toBe(403);
    expect(fake.calls).toHaveLength(0);
    expect(conversations.all()).toHaveLength(0);
  });

  it("an invoke from another tenant never reaches the action handler", async () => {
    const { fake, bot, conversations } = await setup();
    let called = 0;
    bot.onAction("approval.approve", async () => {
      called++;
      return { card: { type: "AdaptiveCard", version: "1.5", body: [] } };
    });
    const res = await bot.handle(
      post(invoke("approval.approve", {}, { channelData: { tenant: { id: FOREIGN } } }), await fake.token()),
    );
    expect(res.status).toBe(403);
    expect(called).toBe(0);
    expect(fake.calls).toHaveLength(0);
    expect(conversations.all()).toHaveLength(0);
  });

  it("accepts our tenant whatever the letter case of the GUID", async () => {
    const { fake, bot, conversations } = await setup();
    const upper = TENANT.toUpperCase();
    const res = await bot.handle(
      post(
        install({
          channelData: { tenant: { id: upper } },
          conversation: { id: "a:conv-1", conversationType: "personal", tenantId: upper },
        }),
        await fake.token(),
      ),
    );
    expect(res.status).toBe(200);
    expect((await conversations.get("aad-user-1"))?.tenantId).toBe(TENANT);
  });

  it("gives action handlers the verified tenant and the sender's aadObjectId, never the card data's", async () => {
    const { fake, bot } = await setup();
    const seen: ActionContext[] = [];
    bot.onAction("approval.approve", async (ctx) => {
      seen.push(ctx);
      return { card: { type: "AdaptiveCard", version: "1.5", body: [] } };
    });
    const forged = { aadObjectId: "aad-principal", tenantId: FOREIGN, user: { aadObjectId: "aad-principal" } };
    const res = await bot.handle(post(invoke("approval.approve", forged), await fake.token()));
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.tenantId).toBe(TENANT);
    expect(seen[0]?.user.aadObjectId).toBe("aad-user-1");
    expect(seen[0]?.data).toEqual(forged);
  });
});

describe("bot: only personal conversations become the user's reference", () => {
  const channel = {
    id: "19:general@thread.tacv2;messageid=1700000000099",
    conversationType: "channel",
    isGroup: true,
    tenantId: TENANT,
  };
  const groupChat = { id: "19:abcdef@thread.v2", conversationType: "groupChat", isGroup: true, tenantId: TENANT };

  it.each([
    ["a team channel", channel],
    ["a group chat", groupChat],
  ])("an @mention in %s is answered in place and does not redirect sendCardToUser", async (_n, conversation) => {
    const { fake, bot, conversations } = await setup();
    const token = await fake.token();
    expect((await bot.handle(post(install(), token))).status).toBe(200);
    const before = await conversations.get("aad-user-1");
    expect(before?.conversationId).toBe("a:conv-1");

    const res = await bot.handle(post(userActivity({ id: "1700000000099", conversation }), token));
    expect(res.status).toBe(200);
    const reply = fake.calls.at(-1);
    expect(reply?.url).toBe(
      `${SERVICE_URL}v3/conversations/${encodeURIComponent(conversation.id)}/activities/1700000000099`,
    );
    expect((await conversations.get("aad-user-1"))?.conversationId).toBe("a:conv-1");

    const sent = await bot.sendCardToUser("aad-user-1", { type: "AdaptiveCard", version: "1.5", body: [] });
    expect(sent.conversationId).toBe("a:conv-1");
    expect(fake.calls.at(-1)?.url).toBe(`${SERVICE_URL}v3/conversations/a%3Aconv-1/activities`);
  });

  it("a channel message from a user without a 1:1 chat stores nothing", async () => {
    const { fake, bot, conversations } = await setup();
    const res = await bot.handle(post(userActivity({ conversation: channel }), await fake.token()));
    expect(res.status).toBe(200);
    expect(conversations.all()).toHaveLength(0);
  });

  it("a conversation without conversationType (a 1:1 chat) is remembered", async () => {
    const { fake, bot, conversations } = await setup();
    const res = await bot.handle(
      post(userActivity({ conversation: { id: "a:conv-9", tenantId: TENANT } }), await fake.token()),
    );
    expect(res.status).toBe(200);
    expect((await conversations.get("aad-user-1"))?.conversationId).toBe("a:conv-9");
  });

  it("a card action in a channel runs its handler but does not store the channel as the user's reference", async () => {
    const { fake, bot, conversations } = await setup();
    const token = await fake.token();
    await bot.handle(post(install(), token));
    const seen: ActionContext[] = [];
    bot.onAction("notice.read", async (ctx) => {
      seen.push(ctx);
      return { card: { type: "AdaptiveCard", version: "1.5", body: [] } };
    });
    const res = await bot.handle(post(invoke("notice.read", {}, { conversation: channel }), token));
    expect(res.status).toBe(200);
    expect(seen[0]?.conversation?.conversationId).toBe("a:conv-1");
    expect(seen[0]?.source).toMatchObject({ conversationId: channel.id, conversationType: "channel" });
    expect((await conversations.get("aad-user-1"))?.conversationId).toBe("a:conv-1");

    // The welcome acknowledgement from a channel never stores the channel either.
    const other = await setup();
    const ack = await other.bot.handle(
      post(invoke("welcome.ack", { card: "welcome" }, { conversation: channel }), await other.fake.token()),
    );
    expect(ack.status).toBe(200);
    expect(other.conversations.all()).toHaveLength(0);
  });
});

describe("bot: signing key endorsements", () => {
  it("refuses a token signed by a key without endorsements (401)", async () => {
    const { fake, bot, conversations } = await setup({ endorsements: null });
    const res = await bot.handle(post(userActivity(), await fake.token()));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    expect(fake.calls).toHaveLength(0);
    expect(conversations.all()).toHaveLength(0);
  });

  it("refuses a key with an empty endorsements list, accepts one endorsed for msteams", async () => {
    const empty = await setup({ endorsements: [] });
    expect((await empty.bot.handle(post(userActivity(), await empty.fake.token()))).status).toBe(401);
    const endorsed = await setup({ endorsements: ["skype", "msteams"] });
    expect((await endorsed.bot.handle(post(userActivity(), await endorsed.fake.token()))).status).toBe(200);
  });
});
