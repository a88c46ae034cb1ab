/**
 * Kōmu's bot against Microsoft's documented Teams examples: it accepts the documented incoming
 * activities, and its cards / invoke responses have the documented shapes.
 */
import { describe, expect, it } from "vitest";
import { createMemoryConversationStore } from "./conversation-store.js";
import { createBot } from "./index.js";
import {
  BOT_ID,
  cardIn,
  contractExample,
  createFakeBotFramework,
  fakeBotConfig,
  haveContracts,
  post,
  SERVICE_URL,
  shapeDiff,
  TENANT,
  userActivity,
} from "./test-helpers.js";

async function setup(tenantId = TENANT) {
  const fake = await createFakeBotFramework();
  const bot = createBot({
    config: fakeBotConfig({ botPassword: "s", tenantId }),
    conversations: createMemoryConversationStore(tenantId),
    fetch: fake.fetch,
  });
  return { fake, bot, token: await fake.token() };
}

describe.skipIf(!haveContracts)("bot contract (documented Teams examples)", () => {
  it("teams.incoming-message-activity: accepted and answered in the same conversation", async () => {
    const activity = { ...contractExample("teams.incoming-message-activity").request.body, serviceUrl: SERVICE_URL };
    // The example comes from Microsoft's own tenant: a bot configured for it accepts it.
    const { fake, bot, token } = await setup(activity.channelData.tenant.id);
    const res = await bot.handle(post(activity, token));
    expect(res.status).toBe(200);
    const reply = fake.calls.find((c) => c.method === "POST");
    expect(reply?.url).toBe(
      `${SERVICE_URL}v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${activity.id}`,
    );
  });

  it("teams.incoming-message-activity: refused (403) by a bot configured for another tenant", async () => {
    const activity = { ...contractExample("teams.incoming-message-activity").request.body, serviceUrl: SERVICE_URL };
    const { fake, bot, token } = await setup(TENANT);
    const res = await bot.handle(post(activity, token));
    expect(res.status).toBe(403);
    expect(fake.calls).toHaveLength(0);
  });

  it("teams.invoke-adaptivecard-action-execute: an unknown verb gets a card-friendly error, not a 500", async () => {
    const { bot, token } = await setup();
    const documented = contractExample("teams.invoke-adaptivecard-action-execute").request.body;
    const res = await bot.handle(post({ ...userActivity(), ...documented, replyToId: "1" }, token));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error" });
  });

  it("teams.invoke-adaptivecard-action-refresh: the refresh answer has the documented shape", async () => {
    const { bot, token } = await setup();
    await bot.handle(post(userActivity({ type: "conversationUpdate", membersAdded: [{ id: `28:${BOT_ID}` }] }), token));
    const ex = contractExample("teams.invoke-adaptivecard-action-refresh");
    const invoke = { ...userActivity(), ...ex.request.body, replyToId: "1000" };
    invoke.value = {
      ...ex.request.body.value,
      action: { ...ex.request.body.value.action, verb: "welcome.view", data: { card: "welcome" } },
    };
    const res = await bot.handle(post(invoke, token));
    expect(res.status).toBe(ex.response.status);
    const body = (await res.json()) as Record<string, any>;
    // `originator` is only for Outlook Actionable Messages; `data` keys are each app's own.
    expect(shapeDiff(body, ex.response.body, ["value.originator", "value.actions[0].data.additional info"])).toEqual(
      [],
    );
    expect(body.value.version).toBe("1.5");
  });

  it("teams.card-refresh-userids: the welcome card's refresh has the documented shape with the user's id", async () => {
    const { fake, bot, token } = await setup();
    await bot.handle(post(userActivity({ type: "conversationUpdate", membersAdded: [{ id: `28:${BOT_ID}` }] }), token));
    const card = cardIn(fake.calls[0]);
    const documented = contractExample("teams.card-refresh-userids").request.body;
    expect(shapeDiff(card, documented, ["originator", "refresh.action.data.refresh info"])).toEqual([]);
    expect(card?.refresh.userIds).toEqual(["29:1abc"]);
    expect(card?.refresh.userIds.length).toBeLessThanOrEqual(60);
  });
});
