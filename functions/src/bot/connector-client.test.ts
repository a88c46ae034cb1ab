import { describe, expect, it } from "vitest";
import { createConnectorClient } from "./connector-client.js";
import { createFakeBotFramework, SERVICE_URL, TOKEN_URL } from "./test-helpers.js";
import { createBotTokenProvider } from "./token-provider.js";

async function setup() {
  const fake = await createFakeBotFramework();
  const sleeps: number[] = [];
  const tokens = createBotTokenProvider({
    tokenEndpoint: TOKEN_URL,
    clientId: "bot",
    clientSecret: "s",
    fetch: fake.fetch,
  });
  const client = createConnectorClient({
    tokens,
    fetch: fake.fetch,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
  });
  return { fake, sleeps, client };
}

describe("connector client", () => {
  it("honours a short Retry-After on 429 and succeeds", async () => {
    const { fake, sleeps, client } = await setup();
    fake.script((c) => c.method === "POST", 429, { "retry-after": "2" });
    const res = await client.sendToConversation(SERVICE_URL, "a:c", { type: "message", text: "x" });
    expect(res.id).toBe("1000");
    expect(sleeps).toEqual([2000]);
    expect(fake.calls.filter((c) => c.method === "POST")).toHaveLength(2);
  });

  it("hands a long Retry-After back to the caller as RATE_LIMITED", async () => {
    const { fake, sleeps, client } = await setup();
    fake.script((c) => c.method === "POST", 429, { "retry-after": "30" });
    await expect(client.sendToConversation(SERVICE_URL, "a:c", { type: "message" })).rejects.toMatchObject({
      code: "RATE_LIMITED",
      retryAfter: 30,
    });
    expect(sleeps).toEqual([]);
  });

  it("maps 403 (writes blocked) to FORBIDDEN without retrying", async () => {
    const { fake, client } = await setup();
    fake.script((c) => c.method === "POST", 403);
    await expect(client.sendToConversation(SERVICE_URL, "a:c", { type: "message" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(fake.calls).toHaveLength(1);
  });

  it("caches the bot token across calls and refreshes it after a 401", async () => {
    const { fake, client } = await setup();
    await client.sendToConversation(SERVICE_URL, "a:c", { type: "message" });
    await client.sendToConversation(SERVICE_URL, "a:c", { type: "message" });
    expect(fake.tokenRequests).toBe(1);
    fake.script((c) => c.method === "PUT", 401);
    await client.updateActivity(SERVICE_URL, "a:c", "1", { type: "message" });
    expect(fake.tokenRequests).toBe(2);
    expect(fake.calls.at(-1)?.auth).toBe("Bearer bot-token-2");
  });
});
