/// <reference lib="dom" />
/** JSON calls from the Teams client page to the tenant (same origin, session cookie). */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const message = (data as { error?: { message?: string } } | undefined)?.error?.message ?? `${res.status}`;
    throw new ApiError(res.status, message);
  }
  return data as T;
}

export interface Me {
  user: { id: string; displayName: string; userPrincipalName: string; teamsId: string };
  tenantId: string;
  komuOrigin: string;
  appId: string;
  tabs: { entityId: string; name: string; contentUrl: string }[];
}

export interface ChatActivity {
  type: string;
  id: string;
  timestamp: string;
  from: { id: string; name?: string; aadObjectId?: string };
  text?: string;
  attachments?: { contentType: string; content?: unknown }[];
  lastModified?: string;
  deleted?: boolean;
}

export interface ChatState {
  conversationId: string;
  viewerTeamsId: string;
  installed: boolean;
  removed: boolean;
  botError?: { status: number; body: unknown };
  activities: ChatActivity[];
}

export interface InvokeReply {
  status: number;
  body?: { statusCode?: number; type?: string; value?: unknown } | unknown;
}
