/**
 * Bot Connector v3 (the Teams subset Kōmu uses), authenticated with a bot token from the tenant's
 * token endpoint (tenant path botframework.com, aud https://api.botframework.com, azp = the bot):
 *   POST   /v3/conversations                                   create (or find) a 1:1 chat → 201 { id[, activityId] }
 *   POST   /v3/conversations/{id}/activities                   send → 201 { id }
 *   POST   /v3/conversations/{id}/activities/{activityId}      reply → 201 { id }
 *   PUT    /v3/conversations/{id}/activities/{activityId}      update → 200 { id }
 *   DELETE /v3/conversations/{id}/activities/{activityId}      delete → 200
 *   GET    /v3/conversations/{id}/members[/{userId}]           TeamsChannelAccount(s)
 * Sends are charged to ctx.limits.bot(conversationId, api) (429 + Retry-After when over).
 * Errors use the Bot Framework ErrorResponse { error: { code, message } }; a user who blocked the
 * bot gets Teams' documented 403 { errorCode: 209, message: "{…MessageWritesBlocked…}" }.
 */
import type { Context } from "hono";
import { z } from "zod";
import { BOT_FRAMEWORK_AUDIENCE } from "../constants.js";
import { GraphError, type TenantApp, type TenantContext, type TenantVariables } from "../context.js";
import { botFrameworkIssuer, verifyTenantToken } from "../identity/tokens.js";
import {
  appendActivity,
  type BotConversation,
  botAccount,
  conversationsOf,
  ensurePersonalConversation,
  envelope,
  findActivity,
  replaceActivity,
  type StoredActivity,
  teamsMember,
  userAccount,
  usersOf,
} from "./conversations.js";
import { oidFromPersonalChatId, oidFromTeamsUserId, personalConversationId, teamsUserId } from "./ids.js";

/** Teams rejects bot messages above about 28 KB (413 MessageSizeTooBig). */
export const MAX_ACTIVITY_BYTES = 28 * 1024;

type C = Context<{ Variables: TenantVariables }>;

const accountSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
});

const attachmentSchema = z.looseObject({
  contentType: z.string().min(1),
  content: z.unknown().optional(),
  contentUrl: z.string().optional(),
  name: z.string().optional(),
});

const outgoingActivitySchema = z.looseObject({
  type: z.string().min(1),
  text: z.string().optional(),
  summary: z.string().optional(),
  textFormat: z.string().optional(),
  attachments: z.array(attachmentSchema).max(10).optional(),
  attachmentLayout: z.string().optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  from: accountSchema.optional(),
  recipient: accountSchema.optional(),
  conversation: z.looseObject({ id: z.string() }).optional(),
  replyToId: z.string().optional(),
  locale: z.string().optional(),
  entities: z.array(z.unknown()).optional(),
});

const conversationParamsSchema = z.looseObject({
  bot: accountSchema.optional(),
  isGroup: z.boolean().optional(),
  members: z.array(accountSchema).min(1),
  topicName: z.string().optional(),
  tenantId: z.string().optional(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string() }).optional() }).optional(),
  activity: outgoingActivitySchema.optional(),
});

export function botError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): GraphError {
  return new GraphError(status, code, message, headers);
}

/** Validates the bot's bearer token; returns the caller's app id. */
async function authenticate(c: C, ctx: TenantContext): Promise<string> {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
  if (!match?.[1]) throw botError(401, "Unauthorized", "Authorization has been denied for this request.");
  let claims: Record<string, unknown>;
  try {
    claims = await verifyTenantToken(ctx, match[1], {
      audience: BOT_FRAMEWORK_AUDIENCE,
      issuer: [botFrameworkIssuer(ctx), ctx.config.issuer],
    });
  } catch {
    throw botError(401, "Unauthorized", "Authorization has been denied for this request.");
  }
  const appId = (claims.azp ?? claims.appid) as string | undefined;
  if (appId !== ctx.config.bot.appId)
    throw botError(403, "BotNotRegistered", "The token's application is not the registered bot.");
  return appId;
}

async function readJson<T>(c: C, schema: z.ZodType<T>): Promise<T> {
  const text = await c.req.text();
  if (Buffer.byteLength(text, "utf8") > MAX_ACTIVITY_BYTES)
    throw botError(413, "MessageSizeTooBig", "Message size too large.");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw botError(400, "BadSyntax", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw botError(
      400,
      "BadArgument",
      parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
    );
  }
  return parsed.data;
}

function conversationOr404(ctx: TenantContext, id: string): BotConversation {
  // Teams accepts the Graph chat id ("19:…@unq.gbl.spaces") of a 1:1 chat as its conversation id.
  const chatOid = oidFromPersonalChatId(ctx.config.bot.appId, id);
  const canonical = chatOid ? personalConversationId(ctx.config.tenantId, ctx.config.bot.appId, chatOid) : id;
  const conv = conversationsOf(ctx).get(canonical);
  if (!conv) throw botError(404, "ConversationNotFound", "Conversation not found.");
  return conv;
}

/** Teams' documented answer when the user blocked the bot or removed the app. */
function writesBlocked(c: C) {
  return c.json(
    {
      errorCode: 209,
      message:
        '{\r\n  "subCode": "MessageWritesBlocked",\r\n  "details": "Thread is blocked from message writes.",\r\n  "errorCode": null,\r\n  "errorSubCode": null\r\n}',
    },
    403,
    { "Cache-Control": "no-store, must-revalidate, no-cache", Pragma: "no-cache" },
  );
}

function resolveMemberOid(ctx: TenantContext, id: string): string | undefined {
  const oid = id.startsWith("29:") ? oidFromTeamsUserId(id) : id;
  if (!oid) return undefined;
  return usersOf(ctx).has(oid) ? oid : undefined;
}

function storeBotMessage(
  ctx: TenantContext,
  conv: BotConversation,
  body: z.infer<typeof outgoingActivitySchema>,
  replyToId?: string,
): StoredActivity {
  const {
    from: _from,
    recipient: _recipient,
    conversation: _conversation,
    id: _id,
    ...rest
  } = body as Record<string, unknown> & typeof body;
  const activity: StoredActivity = {
    ...rest,
    ...envelope(ctx, conv, botAccount(ctx), userAccount(ctx, conv.userOid)),
    type: body.type,
    ...(replyToId ? { replyToId } : {}),
  };
  if (body.channelData) activity.channelData = { ...body.channelData, tenant: { id: conv.tenantId } };
  return appendActivity(ctx, activity);
}

export function registerConnectorRoutes(app: TenantApp, ctx: TenantContext): void {
  app.post("/v3/conversations", async (c) => {
    await authenticate(c, ctx);
    const params = await readJson(c, conversationParamsSchema);
    if (params.isGroup || params.members.length !== 1) {
      throw botError(400, "BadArgument", "Bots can only create 1:1 (personal) conversations with exactly one member.");
    }
    const tenantId = params.channelData?.tenant?.id ?? params.tenantId;
    if (!tenantId)
      throw botError(400, "BadArgument", "You must supply the user ID and the tenant ID (channelData.tenant.id).");
    if (tenantId.toLowerCase() !== ctx.config.tenantId.toLowerCase())
      throw botError(403, "Forbidden", "The bot is not installed in this tenant.");
    const oid = resolveMemberOid(ctx, (params.members[0] as { id: string }).id);
    if (!oid) throw botError(404, "MemberNotFound", "The member does not exist in this tenant.");
    const conv = ensurePersonalConversation(ctx, oid);
    ctx.limits.bot(conv.id, "POST /v3/conversations");
    if (!params.activity) return c.json({ id: conv.id }, 201);
    if (conv.blocked) return writesBlocked(c);
    const activity = storeBotMessage(ctx, conv, params.activity);
    return c.json({ id: conv.id, activityId: activity.id }, 201);
  });

  /** sendToConversation / replyToActivity: the reply target is the body's replyToId or the path's activity id. */
  const postActivity = async (
    c: C,
    conversationId: string,
    operation: string,
    replyToId: (body: z.infer<typeof outgoingActivitySchema>) => string | undefined,
  ) => {
    await authenticate(c, ctx);
    const conv = conversationOr404(ctx, conversationId);
    ctx.limits.bot(conv.id, operation);
    const body = await readJson(c, outgoingActivitySchema);
    if (conv.blocked) return writesBlocked(c);
    const activity = storeBotMessage(ctx, conv, body, replyToId(body));
    return c.json({ id: activity.id }, 201);
  };

  app.post("/v3/conversations/:conversationId/activities", (c) =>
    postActivity(c, c.req.param("conversationId"), "POST /v3/conversations/{id}/activities", (body) => body.replyToId),
  );

  app.post("/v3/conversations/:conversationId/activities/:activityId", (c) =>
    postActivity(c, c.req.param("conversationId"), "POST /v3/conversations/{id}/activities/{activityId}", () =>
      c.req.param("activityId"),
    ),
  );

  app.put("/v3/conversations/:conversationId/activities/:activityId", async (c) => {
    await authenticate(c, ctx);
    const conv = conversationOr404(ctx, c.req.param("conversationId"));
    ctx.limits.bot(conv.id, "PUT /v3/conversations/{id}/activities/{activityId}");
    const body = await readJson(c, outgoingActivitySchema);
    if (conv.blocked) return writesBlocked(c);
    const activityId = c.req.param("activityId");
    const existing = findActivity(ctx, conv.id, activityId);
    if (!existing || existing.deleted) throw botError(404, "ActivityNotFound", "The activity does not exist.");
    if (existing.from.id !== botAccount(ctx).id)
      throw botError(403, "Forbidden", "A bot can only update its own messages.");
    const {
      from: _f,
      recipient: _r,
      conversation: _c,
      id: _i,
      serviceUrl: _s,
      channelId: _ch,
      timestamp: _t,
      ...rest
    } = body as Record<string, unknown>;
    replaceActivity(ctx, conv.id, activityId, (a) => ({
      ...a,
      ...rest,
      type: body.type,
      text: body.text,
      attachments: body.attachments,
      lastModified: ctx.now().toISOString(),
    }));
    return c.json({ id: activityId }, 200);
  });

  app.delete("/v3/conversations/:conversationId/activities/:activityId", async (c) => {
    await authenticate(c, ctx);
    const conv = conversationOr404(ctx, c.req.param("conversationId"));
    ctx.limits.bot(conv.id, "DELETE /v3/conversations/{id}/activities/{activityId}");
    const activityId = c.req.param("activityId");
    const existing = findActivity(ctx, conv.id, activityId);
    if (!existing || existing.deleted) throw botError(404, "ActivityNotFound", "The activity does not exist.");
    if (existing.from.id !== botAccount(ctx).id)
      throw botError(403, "Forbidden", "A bot can only delete its own messages.");
    replaceActivity(ctx, conv.id, activityId, (a) => ({
      ...a,
      text: "",
      attachments: [],
      deleted: true,
      lastModified: ctx.now().toISOString(),
    }));
    return c.body(null, 200);
  });

  app.get("/v3/conversations/:conversationId/members", async (c) => {
    await authenticate(c, ctx);
    const conv = conversationOr404(ctx, c.req.param("conversationId"));
    return c.json([teamsMember(ctx, conv.userOid)]);
  });

  app.get("/v3/conversations/:conversationId/members/:memberId", async (c) => {
    await authenticate(c, ctx);
    const conv = conversationOr404(ctx, c.req.param("conversationId"));
    const id = c.req.param("memberId");
    if (id !== conv.userOid && id !== teamsUserId(conv.userOid)) {
      throw botError(404, "MemberNotFoundInConversation", "The member is not in this conversation.");
    }
    return c.json(teamsMember(ctx, conv.userOid));
  });
}
