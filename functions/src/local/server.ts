/**
 * The local host: one HTTP server on PORT (default 7071) serving the API under /api (the same
 * Hono app as in Azure) and the tab app's static build at / with an SPA fallback.
 */
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { type CreateAppOptions, createApp } from "../app.js";
import type { Config } from "../config.js";
import type { AppDeps, RuntimeDeps } from "../deps.js";
import { createLocalDeps } from "./deps.js";

export interface StartApiOptions {
  config: Config;
  /** 0 = a free port. Default config.port. */
  port?: number;
  hostname?: string;
  /** The tab app's build (teams-app/dist); absent → a short page saying how to build it. */
  staticDir?: string;
  /** Ready-made deps (tests); default createLocalDeps(config). */
  deps?: AppDeps | RuntimeDeps;
  app?: CreateAppOptions;
}

export interface RunningApi {
  url: string;
  port: number;
  deps: AppDeps;
  stop(): Promise<void>;
}

/** Where the tab may be framed: Teams (web, desktop, new domains), Outlook/M365 and the local Teams client. */
export function frameAncestors(config: Config): string {
  return [
    "'self'",
    "https://teams.microsoft.com",
    "https://*.teams.microsoft.com",
    "https://*.teams.microsoft.us",
    "https://*.cloud.microsoft",
    "https://*.office.com",
    "https://outlook.office.com",
    "https://*.microsoft365.com",
    `http://localhost:${config.m365Port}`,
    `https://localhost:${config.m365Port}`,
  ].join(" ");
}

const NOT_BUILT = `<!doctype html><html lang="ja"><meta charset="utf-8"><title>校務</title>
<body style="font-family: system-ui, sans-serif; margin: 2rem">
<h1>校務 (Kōmu)</h1>
<p>タブアプリがまだビルドされていません。<code>npm run build -w teams-app</code> を実行してください。</p>
<p lang="en">The tab app is not built yet. Run <code>npm run build -w teams-app</code>.</p>
<p><a href="/api/docs">API リファレンス / API reference</a></p>
</body></html>`;

export function createLocalHost(
  config: Config,
  deps: AppDeps,
  options: { staticDir?: string; app?: CreateAppOptions } = {},
) {
  const api = createApp(deps, options.app);
  const root = new Hono();
  root.all("/api/*", (c) => api.fetch(c.req.raw));
  root.all("/api", (c) => api.fetch(c.req.raw));
  root.get("/client-config.json", (c) => api.fetch(c.req.raw));

  root.use("*", async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Content-Security-Policy", `frame-ancestors ${frameAncestors(config)}`);
    c.header("Referrer-Policy", "strict-origin-when-cross-origin");
  });

  const staticDir = options.staticDir ? resolve(options.staticDir) : undefined;
  // The build may appear after start-up (npm start builds the tab while the API already answers).
  let builtSeen = false;
  const built = () => (builtSeen ||= staticDir !== undefined && existsSync(join(staticDir, "index.html")));
  if (staticDir) {
    root.use(
      "*",
      serveStatic({
        root: staticDir,
        onFound: (path, c) => {
          // Hashed assets can be cached for long; index.html must always be fresh.
          c.header("Cache-Control", path.endsWith("index.html") ? "no-cache" : "public, max-age=31536000, immutable");
        },
      }),
    );
  }
  root.get("*", async (c, next) => {
    // SPA fallback: client-side routes (no file extension) get index.html.
    if (/\.[A-Za-z0-9]+$/.test(c.req.path)) return next();
    if (!built() || !staticDir) return c.html(NOT_BUILT);
    return serveStatic({
      root: staticDir,
      path: "index.html",
      onFound: (_p, ctx) => void ctx.header("Cache-Control", "no-cache"),
    })(c, next);
  });
  root.notFound((c) => c.text("Not Found", 404));
  return root;
}

export async function startApi(options: StartApiOptions): Promise<RunningApi> {
  const deps = options.deps ?? (await createLocalDeps(options.config));
  const host = createLocalHost(options.config, deps, {
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
    ...(options.app ? { app: options.app } : {}),
  });
  const hostname = options.hostname ?? "localhost";
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolveStart, reject) => {
      const s = serve({ fetch: host.fetch, port: options.port ?? options.config.port, hostname }, (info: AddressInfo) =>
        resolveStart({ server: s, port: info.port }),
      );
      s.once("error", reject);
    },
  );
  return {
    url: `http://localhost:${port}`,
    port,
    deps,
    async stop() {
      await new Promise<void>((r) => server.close(() => r()));
      if ("dispose" in deps && typeof deps.dispose === "function") await deps.dispose();
    },
  };
}
