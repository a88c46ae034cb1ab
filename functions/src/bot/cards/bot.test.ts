// biome-ignore-all lint/suspicious/noTemplateCurlyInString: a display name with `${…}` on purpose (template injection attempt)
/** The bot never sends a card renderCard refused: the request fails instead (logged as INTERNAL). */
import { describe, expect, it } from "vitest";
import { createMemoryConversationStore } from "../conversation-store.js";
import { createBot } from "../index.js";
import { createFakeBotFramework, fakeBotConfig, post, TENANT, userActivity } from "../test-helpers.js";

async function setup(appName: string) {
  const fake = await createFakeBotFramework();
  const errors: { event: string; data: unknown }[] = [];
  const bot = createBot({
    config: fakeBotConfig({ appName }),
    conversations: createMemoryConversationStore(TENANT),
    fetch: fake.fetch,
    sleep: async () => {},
    logger: { info() {}, warn() {}, error: (event, data) => errors.push({ event, data }) },
  });
  return { fake, bot, errors };
}

describe("bot + renderCard", () => {
  it("a card that fails validation (empty app name) is not sent: 500 INTERNAL, nothing posted", async () => {
    const { fake, bot, errors } = await setup("");
    const res = await bot.handle(post(userActivity(), await fake.token()));
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("INTERNAL");
    expect(fake.calls.filter((c) => c.method === "POST" && c.body)).toEqual([]);
    expect(errors.map((e) => e.event)).toContain("bot.handle.failed");
  });

  it("a display name with template syntax reaches the welcome card literally", async () => {
    const { fake, bot } = await setup("Kōmu");
    const activity = userActivity({
      type: "conversationUpdate",
      from: { id: "29:1abc", name: '${appName} "x" \\', aadObjectId: "aad-user-1" },
      membersAdded: [{ id: "29:1abc" }],
    });
    expect((await bot.handle(post(activity, await fake.token()))).status).toBe(200);
    const sent = fake.calls.find((c) => c.method === "POST") as {
      body: { attachments: { content: { body: { text: string }[] } }[] };
    };
    expect(sent.body.attachments[0]?.content.body[1]?.text.startsWith('${appName} "x" \\ さん、Kōmu（校務）')).toBe(
      true,
    );
  });
});
