/**
 * The local stand-in for Teams' Live Share container mapping: in a Teams meeting the host keeps
 * one Fluid container id per meeting (LiveShareHost get/setFluidContainerId); locally the tab's
 * host asks this small service instead, keyed by `<schoolId>.<meetingId>`.
 *
 *   GET /containers/<key>   → 200 { containerId } | 404
 *   PUT /containers/<key>   { containerId } → 200 { containerId, state: "added" | "conflict" }
 *
 * The first PUT wins; a later one answers `conflict` with the winner's id (what Live Share's
 * client expects: it then drops the container it made and joins the winner's). CORS is open (the
 * tab is on another port); like the local relay it is for this machine only (bound to 127.0.0.1,
 * at most MAX_CONTAINERS meetings; config.ts refuses its URLs outside KOMU_ENV=local).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RunningContainerMap {
  /** http://127.0.0.1:<port>/containers */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const KEY = /^\/containers\/([A-Za-z0-9._-]{1,200})$/;
const CONTAINER_ID = /^[A-Za-z0-9._-]{1,200}$/;
const MAX_BODY = 4096;
/** Meetings remembered at most (oldest forgotten first): the map never grows without bound. */
export const MAX_CONTAINERS = 10_000;

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, PUT, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Cache-Control": "no-store",
    ...(body === undefined ? {} : { "Content-Type": "application/json" }),
  });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) {
    text += chunk;
    if (text.length > MAX_BODY) throw new Error("too large");
  }
  return JSON.parse(text);
}

/** The request handler over a map (exported for tests). */
export function containerMapHandler(map: Map<string, string>, maxKeys = MAX_CONTAINERS) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === "OPTIONS") return send(res, 204);
    const key = KEY.exec(new URL(req.url ?? "/", "http://x").pathname)?.[1];
    if (!key) return send(res, 404, { error: "not found" });
    if (req.method === "GET") {
      const containerId = map.get(key);
      return containerId ? send(res, 200, { containerId }) : send(res, 404, { error: "no container" });
    }
    if (req.method !== "PUT") return send(res, 405, { error: "method not allowed" });
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return send(res, 400, { error: "a JSON body { containerId } is required" });
    }
    const containerId = (body as { containerId?: unknown } | null)?.containerId;
    if (typeof containerId !== "string" || !CONTAINER_ID.test(containerId)) {
      return send(res, 400, { error: "containerId must be 1–200 letters, digits, . _ -" });
    }
    const existing = map.get(key);
    if (existing)
      return send(res, 200, { containerId: existing, state: existing === containerId ? "added" : "conflict" });
    while (map.size >= maxKeys) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      map.delete(oldest);
    }
    map.set(key, containerId);
    return send(res, 200, { containerId, state: "added" });
  };
}

export async function startContainerMap(port: number, opts: { maxKeys?: number } = {}): Promise<RunningContainerMap> {
  const map = new Map<string, string>();
  const handler = containerMapHandler(map, opts.maxKeys);
  const server = createServer((req, res) => {
    handler(req, res).catch(() => send(res, 500, { error: "internal" }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/containers`,
    port: bound,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
