/**
 * The Teams client's server side (all under the signed-in user's session cookie):
 *   GET  / , /teams                 the client page
 *   GET  /teams/client.js           the bundled browser script
 *   GET  /teams/api/users           seeded users by school (for the dev sign-in picker)
 *   POST /teams/api/session         { userId, password } → session cookie;  DELETE → sign out
 *   GET  /teams/api/me              the user, tenant, Kōmu's origin and tabs
 *   POST /teams/api/token           SSO token for Kōmu's API (what authentication.getAuthToken returns)
 *   GET  /teams/api/chat            opens the 1:1 chat with Kōmu (first time: conversationUpdate to the bot)
 *   GET  /teams/api/events          SSE: activity created/updated/deleted in the user's chat
 *   POST /teams/api/messages        { text } → message activity to the bot
 *   POST /teams/api/install         add Kōmu again after an uninstall (conversationUpdate to the bot)
 *   POST /teams/api/uninstall       remove Kōmu for the user (bot sends then get 403 MessageWritesBlocked)
 *   POST /teams/api/invoke          { activityId, action: { verb, data }, trigger } → adaptiveCard/action invoke
 */
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import {
  ACTIVITY_EVENT,
  type ActivityEvent,
  ensurePersonalConversation,
  invokeCardAction,
  listActivities,
  openPersonalChat,
  sendUserMessage,
  teamsUserId,
  usersOf,
} from "../bot/index.js";
import { KOMU_API_SCOPE } from "../constants.js";
import { GraphError, type TenantApp, type TenantContext } from "../context.js";
import { issueUserToken } from "../identity/tokens.js";
import { clientBundle } from "./bundle.js";
import { noteKomuOpened, removeKomu } from "./installations.js";
import { teamsClientPage } from "./page.js";
import { endSession, passwordMatches, requireUser, startSession } from "./session.js";
import { LOCAL_TEAMS_APP_ID, loadTabs } from "./tabs.js";
import { usersBySchool } from "./users.js";

const signInSchema = z.object({ userId: z.string().min(1).max(200), password: z.string().max(200) });
const messageSchema = z.object({ text: z.string().trim().min(1).max(4000) });
const invokeSchema = z.object({
  activityId: z.string().min(1).max(100),
  action: z.object({
    type: z.literal("Action.Execute").optional(),
    id: z.string().max(200).optional(),
    verb: z.string().min(1).max(200),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  trigger: z.enum(["manual", "automatic"]).default("manual"),
});

async function body<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  // JSON only: a cross-site form post cannot send application/json without a CORS preflight.
  if (!(c.req.header("content-type") ?? "").includes("application/json")) {
    throw new GraphError(415, "UnsupportedMediaType", "JSON で送信してください。 / Send JSON.");
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new GraphError(400, "BadRequest", "JSON を読み取れません。 / Malformed JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new GraphError(
      400,
      "BadRequest",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    );
  return parsed.data;
}

export function registerTeamsClient(app: TenantApp, ctx: TenantContext, options: { manifestPath?: string } = {}): void {
  const page = (c: Context) => c.html(teamsClientPage());
  app.get("/", page);
  app.get("/teams", page);
  app.get("/teams/", page);

  app.get("/teams/client.js", async (c) => {
    const js = await clientBundle();
    return c.body(js, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" });
  });

  app.get("/teams/api/users", (c) => c.json({ groups: usersBySchool(ctx) }));

  app.post("/teams/api/session", async (c) => {
    const { userId, password } = await body(c, signInSchema);
    const users = usersOf(ctx);
    const user =
      users.get(userId) ?? [...users.values()].find((u) => u.userPrincipalName?.toLowerCase() === userId.toLowerCase());
    if (!user || (user as { accountEnabled?: boolean }).accountEnabled === false || !passwordMatches(ctx, password)) {
      throw new GraphError(
        401,
        "InvalidCredentials",
        "ユーザーまたはパスワードが正しくありません。 / Wrong user or password.",
      );
    }
    startSession(c, ctx, user.id);
    return c.json({ id: user.id });
  });

  app.delete("/teams/api/session", (c) => {
    endSession(c, ctx);
    return c.body(null, 204);
  });

  app.get("/teams/api/me", (c) => {
    const oid = requireUser(c, ctx);
    const user = usersOf(ctx).get(oid);
    const { tabs } = loadTabs(ctx.config.komuOrigin, options.manifestPath);
    return c.json({
      user: {
        id: oid,
        displayName: user?.displayName ?? "",
        userPrincipalName: user?.userPrincipalName ?? "",
        teamsId: teamsUserId(oid),
      },
      tenantId: ctx.config.tenantId,
      komuOrigin: ctx.config.komuOrigin,
      appId: LOCAL_TEAMS_APP_ID,
      tabs,
    });
  });

  app.post("/teams/api/token", async (c) => {
    const oid = requireUser(c, ctx);
    const expiresIn = 3600;
    const token = await issueUserToken(ctx, oid, {
      audience: ctx.config.komuApp.clientId,
      scopes: [KOMU_API_SCOPE],
      expiresInSeconds: expiresIn,
    });
    return c.json({ token, expiresIn });
  });

  const chatState = async (c: Context, reinstall: boolean) => {
    const oid = requireUser(c, ctx);
    const { conversation, delivered } = await openPersonalChat(ctx, oid, { reinstall });
    if (conversation.installedAt && !conversation.blocked) noteKomuOpened(ctx, oid);
    return c.json({
      conversationId: conversation.id,
      viewerTeamsId: conversation.userTeamsId,
      installed: !!conversation.installedAt && !conversation.blocked,
      removed: !!conversation.blocked,
      ...(delivered && (delivered.status < 200 || delivered.status >= 300) ? { botError: delivered } : {}),
      activities: listActivities(ctx, conversation.id),
    });
  };
  app.get("/teams/api/chat", (c) => chatState(c, false));
  app.post("/teams/api/install", (c) => chatState(c, true));

  app.get("/teams/api/events", (c) => {
    const oid = requireUser(c, ctx);
    const conversationId = ensurePersonalConversation(ctx, oid).id;
    return streamSSE(c, async (stream) => {
      const queue: ActivityEvent[] = [];
      let wake: (() => void) | undefined;
      const listener = (e: ActivityEvent) => {
        if (e.conversationId !== conversationId) return;
        queue.push(e);
        wake?.();
      };
      ctx.bus.on(ACTIVITY_EVENT, listener);
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      try {
        await stream.writeSSE({ event: "ready", data: JSON.stringify({ conversationId }) });
        while (open) {
          if (queue.length === 0) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, 15_000);
            });
            wake = undefined;
          }
          if (!open) break;
          if (queue.length === 0) {
            await stream.writeSSE({ event: "ping", data: "{}" });
            continue;
          }
          for (const e of queue.splice(0)) await stream.writeSSE({ event: "activity", data: JSON.stringify(e) });
        }
      } finally {
        ctx.bus.off(ACTIVITY_EVENT, listener);
      }
    });
  });

  app.post("/teams/api/messages", async (c) => {
    const oid = requireUser(c, ctx);
    const { text } = await body(c, messageSchema);
    const { activity, reply } = await sendUserMessage(ctx, oid, text);
    return c.json({ activity, bot: { status: reply.status } }, 201);
  });

  app.post("/teams/api/uninstall", async (c) => {
    const oid = requireUser(c, ctx);
    await removeKomu(ctx, oid);
    return c.body(null, 204);
  });

  app.post("/teams/api/invoke", async (c) => {
    const oid = requireUser(c, ctx);
    const input = await body(c, invokeSchema);
    const reply = await invokeCardAction(ctx, oid, {
      activityId: input.activityId,
      action: { ...input.action, type: "Action.Execute" },
      trigger: input.trigger,
    });
    return c.json(reply);
  });
}
