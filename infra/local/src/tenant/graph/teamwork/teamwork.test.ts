/**
 * Teams app installation for users through Graph, against a real local tenant and Kōmu's real bot
 * (createBot from @komu/functions on a random port): installing Kōmu for a user makes the Bot
 * Connector tell the bot (installationUpdate, conversationUpdate), the Graph chat id of the 1:1
 * chat names the bot's conversation, and uninstalling blocks the bot's writes — what Kōmu relies on
 * to reach users proactively in a real tenant. Plus the documented examples (contract replays).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listActivities } from "../../bot/index.js";
import { startTenantWithKomuBot, type TenantWithBot } from "../../bot/test-host.js";
import { BOT_APP_ID, GRAPH_AUDIENCE, KOMU_CLIENT_ID } from "../../constants.js";
import { loadExample } from "../../contract/examples.js";
import { appToken, graphFetch, userGraphToken } from "../../contract/fixture.js";
import { replayExample } from "../../contract/replay.js";
import { describeContract } from "../../contract/suite.js";
import { botFrameworkIssuer, issueAppToken } from "../../identity/tokens.js";
import { KNOWN_USERS } from "../../seed/known.js";
import type { RunningTenant } from "../../server.js";
import { LOCAL_TEAMS_APP_ID } from "../../teams/tabs.js";

let host: TenantWithBot;
let tenant: RunningTenant;
let komuBot: TenantWithBot["bot"];
let conversations: TenantWithBot["conversations"];
let token: string;
const received: { type: string; action?: string; conversation: { id: string }; membersAdded?: unknown[] }[] = [];

const teacher = KNOWN_USERS.aobaTeacher;
const nurse = KNOWN_USERS.aobaNurse;
const bind = (id = LOCAL_TEAMS_APP_ID) => ({
  "teamsApp@odata.bind": `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${id}`,
});
const card = { type: "AdaptiveCard" as const, version: "1.5", body: [{ type: "TextBlock", text: "お知らせ" }] };

beforeAll(async () => {
  host = await startTenantWithKomuBot({
    tenant: { throttle: "off" },
    onActivity: (activity) => received.push(activity as (typeof received)[number]),
  });
  ({ tenant, bot: komuBot, conversations } = host);
  token = await appToken(tenant);
});
afterAll(async () => {
  await host?.stop();
});

const post = (userId: string, body: unknown = bind(), tok = token) =>
  graphFetch(tenant, tok, `/v1.0/users/${userId}/teamwork/installedApps`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const get = async (path: string, tok = token) => {
  const res = await graphFetch(tenant, tok, path);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe("Teams app installation for users (Graph teamwork/installedApps)", () => {
  let installationId: string;
  let chatId: string;

  it("installing Kōmu: 201 without a body; the bot gets installationUpdate and conversationUpdate and welcomes the user", async () => {
    received.length = 0;
    const res = await post(teacher.id);
    expect(res.status).toBe(201);
    expect(await res.text()).toBe("");
    expect(received.map((a) => a.type)).toEqual(["installationUpdate", "conversationUpdate"]);
    expect(received[0]?.action).toBe("add");
    expect(received[1]?.membersAdded).toEqual([{ id: `28:${BOT_APP_ID}` }]);
    // the bot kept the conversation reference and sent its welcome card there, once
    const ref = await conversations.get(teacher.id);
    expect(ref?.conversationId).toBe(received[1]?.conversation.id);
    const messages = listActivities(tenant.ctx, ref?.conversationId as string);
    expect(messages.filter((a) => a.id === ref?.welcomeActivityId)).toHaveLength(1);
    expect(messages).toHaveLength(1);
  });

  it("installing it again: 409 Conflict in Graph's error shape; nothing is sent to the bot", async () => {
    received.length = 0;
    const res = await post(teacher.id);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe("Conflict");
    expect(body.error.innerError["request-id"]).toBeTruthy();
    expect(received).toHaveLength(0);
  });

  it("lists installations with $expand and $filter=teamsApp/id eq '…'", async () => {
    const filter = encodeURIComponent(`teamsApp/id eq '${LOCAL_TEAMS_APP_ID}'`);
    const list = await get(
      `/v1.0/users/${teacher.id}/teamwork/installedApps?$expand=teamsApp,teamsAppDefinition&$filter=${filter}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.value).toHaveLength(1);
    const inst = list.body.value[0];
    expect(inst.teamsApp).toMatchObject({ id: LOCAL_TEAMS_APP_ID, distributionMethod: "organization" });
    expect(inst.teamsApp.displayName).toMatch(/^Kōmu/);
    expect(inst.teamsAppDefinition).toMatchObject({ teamsAppId: LOCAL_TEAMS_APP_ID, version: expect.any(String) });
    // Graph's id: base64("<user id>##<teams app id>")
    expect(Buffer.from(inst.id, "base64").toString("utf8")).toBe(`${teacher.id}##${LOCAL_TEAMS_APP_ID}`);
    installationId = inst.id;
    const none = await get(
      `/v1.0/users/${teacher.id}/teamwork/installedApps?$filter=${encodeURIComponent("teamsApp/id eq 'other'")}`,
    );
    expect(none.body.value).toEqual([]);
    const plain = await get(`/v1.0/users/${teacher.id}/teamwork/installedApps`);
    expect(plain.body.value[0]).not.toHaveProperty("teamsApp");
    expect((await get(`/v1.0/users/${nurse.id}/teamwork/installedApps`)).body.value).toEqual([]);
  });

  it("the installation's chat is the 1:1 chat with the bot: a 19:… id the Bot Connector accepts as the conversation", async () => {
    const chat = await get(
      `/v1.0/users/${teacher.id}/teamwork/installedApps/${encodeURIComponent(installationId)}/chat`,
    );
    expect(chat.status).toBe(200);
    chatId = chat.body.id;
    expect(chatId).toBe(`19:${BOT_APP_ID}_${teacher.id}@unq.gbl.spaces`);
    expect(chat.body.chatType).toBe("oneOnOne");
    // Kōmu reaches the user proactively through the conversation it learnt at install …
    const sent = await komuBot.sendCardToUser(teacher.id, card);
    const ref = await conversations.get(teacher.id);
    expect(sent.conversationId).toBe(ref?.conversationId);
    // … and the chat id from Graph names the same conversation at the Bot Connector
    const botToken = await issueAppToken(tenant.ctx, BOT_APP_ID, {
      audience: "https://api.botframework.com",
      roles: [],
      issuer: botFrameworkIssuer(tenant.ctx),
    });
    const viaChatId = await fetch(`${tenant.origin}/v3/conversations/${encodeURIComponent(chatId)}/activities`, {
      method: "POST",
      headers: { authorization: `Bearer ${botToken}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "message", text: "チャット ID で送信" }),
    });
    expect(viaChatId.status).toBe(201);
    const { id } = (await viaChatId.json()) as { id: string };
    const messages = listActivities(tenant.ctx, ref?.conversationId as string);
    expect(messages.map((a) => a.id)).toEqual([ref?.welcomeActivityId, sent.activityId, id]);
  });

  it("uninstalling: 204; the bot is told, its writes are refused (403), the chat is gone from Graph", async () => {
    received.length = 0;
    const path = `/v1.0/users/${teacher.id}/teamwork/installedApps/${encodeURIComponent(installationId)}`;
    const del = await graphFetch(tenant, token, path, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect(received.map((a) => [a.type, a.action])).toEqual([["installationUpdate", "remove"]]);
    await expect(komuBot.sendCardToUser(teacher.id, card)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await get(`${path}/chat`)).status).toBe(404);
    expect((await graphFetch(tenant, token, path, { method: "DELETE" })).status).toBe(404);
    expect((await get(`/v1.0/users/${teacher.id}/teamwork/installedApps`)).body.value).toEqual([]);
    // installing again restores proactive messages
    expect((await post(teacher.id)).status).toBe(201);
    await expect(komuBot.sendCardToUser(teacher.id, card)).resolves.toMatchObject({ activityId: expect.any(String) });
  });

  it("the Teams client and Graph see the same installation", async () => {
    // The nurse opens Kōmu in the Teams client: that installs it for her
    const session = await fetch(`${tenant.httpOrigin}/teams/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId: nurse.id, password: tenant.ctx.config.devPassword }),
    });
    expect(session.status).toBeLessThan(300);
    const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const chat = await fetch(`${tenant.httpOrigin}/teams/api/chat`, { headers: { cookie } });
    expect(((await chat.json()) as { installed: boolean }).installed).toBe(true);
    expect((await get(`/v1.0/users/${nurse.id}/teamwork/installedApps`)).body.value).toHaveLength(1);
    expect((await post(nurse.id)).status).toBe(409);
    // she removes it there: Graph no longer lists it
    const removed = await fetch(`${tenant.httpOrigin}/teams/api/uninstall`, { method: "POST", headers: { cookie } });
    expect(removed.status).toBe(204);
    expect((await get(`/v1.0/users/${nurse.id}/teamwork/installedApps`)).body.value).toEqual([]);
  });

  it("refuses what Graph refuses: unknown app (404), bad bind (400), unknown user (404), missing permission (403)", async () => {
    expect((await post(teacher.id, bind("00000000-0000-0000-0000-000000000000"))).status).toBe(404);
    expect((await post(teacher.id, { "teamsApp@odata.bind": "nope" })).status).toBe(400);
    expect((await post("no-such-user")).status).toBe(404);
    // a delegated token without a TeamsAppInstallation scope
    const user = await userGraphToken(tenant, teacher.id);
    expect((await post(teacher.id, bind(), user)).status).toBe(403);
    // the catalog needs AppCatalog.Read.All, which Kōmu's registration does not request
    expect((await get("/v1.0/appCatalogs/teamsApps")).status).toBe(403);
    const reader = await issueAppToken(tenant.ctx, KOMU_CLIENT_ID, {
      audience: GRAPH_AUDIENCE,
      roles: ["AppCatalog.Read.All"],
    });
    const byExternalId = await get(
      `/v1.0/appCatalogs/teamsApps?$filter=${encodeURIComponent(`externalId eq '${LOCAL_TEAMS_APP_ID}'`)}&$expand=appDefinitions`,
      reader,
    );
    expect(byExternalId.status).toBe(200);
    expect(byExternalId.body.value).toEqual([
      expect.objectContaining({
        id: LOCAL_TEAMS_APP_ID,
        appDefinitions: [expect.objectContaining({ version: expect.any(String) })],
      }),
    ]);
  });
});

describeContract("Teams app installation contract (documented examples)", () => {
  it("graph.userteamwork-post-installedapps: 201 with no body", async () => {
    const r = await replayExample(tenant, loadExample("graph.userteamwork-post-installedapps"), {
      token,
      substitute: {
        "5b649834-7412-4cce-9e69-176e95a394f5": nurse.id,
        "12345678-9abc-def0-123456789a": LOCAL_TEAMS_APP_ID,
      },
    });
    expect(r.mismatches).toEqual([]);
    expect(r.body).toBe("");
  });

  it("graph.userscopeteamsappinstallation-get-chat: the chat's documented shape", async () => {
    const ex = loadExample("graph.userscopeteamsappinstallation-get-chat");
    const documentedInstallation =
      "ZjMyYjgzYmItNGZjOC00ZGI3LWI3ZjUtNzZjZGJiYjhhYTFjIyMyMmY3M2JiZS1mNjdhLTRkZWEtYmQ1NC01NGNhYzcxOGNiMmI=";
    const ours = Buffer.from(`${nurse.id}##${LOCAL_TEAMS_APP_ID}`).toString("base64");
    const r = await replayExample(tenant, ex, {
      token,
      substitute: { "f32b83bb-4fc8-4db7-b7f5-76cdbbb8aa1c": nurse.id, [documentedInstallation]: ours },
      strictKeys: false,
    });
    expect(r.mismatches).toEqual([]);
    expect((r.body as { id: string }).id).toMatch(/^19:.+_.+@unq\.gbl\.spaces$/);
    expect((r.body as Record<string, string>)["@odata.context"]).toBe(`${tenant.origin}/v1.0/$metadata#chats/$entity`);
  });
});
