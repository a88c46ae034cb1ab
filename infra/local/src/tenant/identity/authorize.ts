/**
 * The dev sign-in page at /{tenant}/oauth2/v2.0/authorize (authorization code + PKCE): pick a
 * seeded user (grouped by school), type the dev password, and get redirected to `redirect_uri`
 * with `code` and `state`. Used by the tab outside Teams locally.
 */
import type { Context } from "hono";
import type { TenantContext } from "../context.js";
import { findApp, resolveTenant } from "./apps.js";
import { type IdentityState, opaque } from "./state.js";

interface SeedUser {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  jobTitle?: string | null;
  accountEnabled?: boolean;
  _schoolId?: string;
  _kind?: string;
}
interface School {
  id: string;
  name: string;
}

const PARAMS = [
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
  "nonce",
  "response_mode",
  "login_hint",
  "prompt",
] as const;

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function isAllowedRedirect(ctx: TenantContext, uri: string): boolean {
  try {
    const u = new URL(uri);
    if (u.protocol !== "http:" && u.protocol !== "https:") return false;
    return ["localhost", "127.0.0.1"].includes(u.hostname) || u.origin === new URL(ctx.config.komuOrigin).origin;
  } catch {
    return false;
  }
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:"Segoe UI","Hiragino Sans","Noto Sans JP",Meiryo,sans-serif;background:#f3f2f1;margin:0;display:flex;justify-content:center}
main{background:#fff;margin:48px 16px;padding:32px 40px;max-width:460px;width:100%;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.5rem;font-weight:600;margin:0 0 4px}.en{color:#605e5c;font-size:.85rem}
label{display:block;margin:18px 0 6px;font-weight:600}select,input{width:100%;box-sizing:border-box;padding:8px;font-size:1rem}
button{margin-top:24px;background:#0f6cbd;color:#fff;border:0;padding:10px 24px;font-size:1rem;cursor:pointer}
.error{color:#a4262c;background:#fde7e9;padding:8px 12px;margin-top:16px}.note{color:#605e5c;font-size:.85rem;margin-top:24px}
</style></head><body><main>${body}</main></body></html>`;
}

function errorPage(message: string, en: string): string {
  return page(
    "サインインできません",
    `<h1>サインインできません</h1><p class="en">Cannot sign in</p><p class="error" role="alert">${esc(message)}<br><span class="en">${esc(en)}</span></p>`,
  );
}

function userOptions(ctx: TenantContext, selected?: string): string {
  const schools = ctx.store.collection<School>("schools");
  const groups = new Map<string, { label: string; users: SeedUser[] }>();
  const order = [...schools.values()].map((s) => s.id);
  for (const u of ctx.store.collection<SeedUser>("users").values()) {
    if (u.accountEnabled === false) continue;
    const school = u._schoolId ? schools.get(u._schoolId) : undefined;
    const key = `${u._schoolId ?? "~"}:${u._kind === "student" ? "2" : "1"}`;
    const label = `${school?.name ?? "その他"}${u._kind === "student" ? "（児童生徒）" : "（教職員）"}`;
    if (!groups.has(key)) groups.set(key, { label, users: [] });
    groups.get(key)?.users.push(u);
  }
  const rank = (key: string) => {
    const [school, kind] = key.split(":");
    const i = order.indexOf(school ?? "");
    return (i < 0 ? 99 : i) * 10 + Number(kind);
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([, g]) => {
      const opts = g.users
        .map((u) => {
          const upn = u.userPrincipalName ?? u.id;
          const sel = selected && selected.toLowerCase() === upn.toLowerCase() ? " selected" : "";
          return `<option value="${esc(upn)}"${sel}>${esc(u.displayName ?? upn)}${u.jobTitle ? `（${esc(u.jobTitle)}）` : ""} — ${esc(upn)}</option>`;
        })
        .join("");
      return `<optgroup label="${esc(g.label)}">${opts}</optgroup>`;
    })
    .join("");
}

function signInPage(ctx: TenantContext, params: Record<string, string>, error?: string): string {
  const hidden = PARAMS.filter((p) => params[p] !== undefined)
    .map((p) => `<input type="hidden" name="${p}" value="${esc(params[p] as string)}">`)
    .join("");
  const app = findApp(ctx.config, params.client_id ?? "");
  return page(
    "サインイン",
    `<h1>サインイン</h1><p class="en">Sign in — ${esc(app?.displayName ?? "")} (ローカル開発用テナント / local development tenant)</p>
<form method="post">${hidden}
<label for="username">ユーザー <span class="en">User</span></label>
<select id="username" name="username" required>${userOptions(ctx, params.login_hint)}</select>
<label for="password">パスワード <span class="en">Password</span></label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
<button type="submit">サインイン <span>Sign in</span></button>
</form>
<p class="note">開発用パスワードは .env.local の M365_DEV_PASSWORD です。<br>The dev password is M365_DEV_PASSWORD in .env.local.</p>`,
  );
}

type Checked = { ok: true; params: Record<string, string> } | { ok: false; html: string };

function checkParams(ctx: TenantContext, tenant: string, params: Record<string, string>): Checked {
  if (!resolveTenant(ctx.config, tenant))
    return {
      ok: false,
      html: errorPage(`テナント '${tenant}' が見つかりません。`, `AADSTS90002: Tenant '${tenant}' not found.`),
    };
  if (!params.client_id || !findApp(ctx.config, params.client_id)) {
    return {
      ok: false,
      html: errorPage(
        "アプリケーションが登録されていません。",
        `AADSTS700016: Application with identifier '${params.client_id ?? ""}' was not found.`,
      ),
    };
  }
  if (!params.redirect_uri || !isAllowedRedirect(ctx, params.redirect_uri)) {
    return {
      ok: false,
      html: errorPage(
        "リダイレクト URI が登録されていません。",
        "AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.",
      ),
    };
  }
  if ((params.response_type ?? "code") !== "code") {
    return {
      ok: false,
      html: errorPage("この応答の種類には対応していません。", "AADSTS70005: response_type must be 'code'."),
    };
  }
  return { ok: true, params };
}

function redirectWith(uri: string, mode: string | undefined, values: Record<string, string>): string {
  const url = new URL(uri);
  const qs = new URLSearchParams(values).toString();
  if (mode === "fragment") return `${url.toString().replace(/#.*$/, "")}#${qs}`;
  for (const [k, v] of Object.entries(values)) url.searchParams.set(k, v);
  return url.toString();
}

export function authorizeGet(c: Context, ctx: TenantContext, tenant: string): Response {
  const params: Record<string, string> = {};
  for (const p of PARAMS) {
    const v = c.req.query(p);
    if (v !== undefined) params[p] = v;
  }
  const checked = checkParams(ctx, tenant, params);
  if (!checked.ok) return c.html(checked.html, 400);
  return c.html(signInPage(ctx, params));
}

export async function authorizePost(
  c: Context,
  ctx: TenantContext,
  state: IdentityState,
  tenant: string,
): Promise<Response> {
  const form = new URLSearchParams(await c.req.text());
  const params: Record<string, string> = {};
  for (const p of PARAMS) {
    const v = form.get(p);
    if (v !== null) params[p] = v;
  }
  const checked = checkParams(ctx, tenant, params);
  if (!checked.ok) return c.html(checked.html, 400);
  const username = form.get("username") ?? "";
  const password = form.get("password") ?? "";
  const user = [...ctx.store.collection<SeedUser>("users").values()].find(
    (u) => u.userPrincipalName?.toLowerCase() === username.toLowerCase(),
  );
  if (!user || password !== ctx.config.devPassword || user.accountEnabled === false) {
    return c.html(
      signInPage(
        ctx,
        { ...params, login_hint: username },
        "ユーザーまたはパスワードが正しくありません。 / The user name or password is incorrect.",
      ),
      200,
    );
  }
  const code = opaque(32);
  state.codes.set(code, {
    clientId: params.client_id as string,
    redirectUri: params.redirect_uri as string,
    scope: params.scope ?? "openid profile",
    userId: user.id,
    ...(params.code_challenge
      ? { codeChallenge: params.code_challenge, codeChallengeMethod: params.code_challenge_method ?? "plain" }
      : {}),
    ...(params.nonce ? { nonce: params.nonce } : {}),
    expiresAt: ctx.now().getTime() + 10 * 60_000,
  });
  const values: Record<string, string> = { code };
  if (params.state !== undefined) values.state = params.state;
  return c.redirect(redirectWith(params.redirect_uri as string, params.response_mode, values), 302);
}
