/**
 * Dev sign-in for the Teams client: a seeded user and the tenant's dev password give a session
 * cookie (HttpOnly, SameSite=Lax). Sessions live in memory per tenant and last 12 hours.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { GraphError, type TenantContext } from "../context.js";

export const SESSION_COOKIE = "komu_teams_session";
const LIFETIME_MS = 12 * 3600_000;

interface Session {
  oid: string;
  expiresAt: number;
}

const sessions = new WeakMap<TenantContext, Map<string, Session>>();

function sessionsOf(ctx: TenantContext): Map<string, Session> {
  let map = sessions.get(ctx);
  if (!map) {
    map = new Map();
    sessions.set(ctx, map);
  }
  return map;
}

export function passwordMatches(ctx: TenantContext, password: string): boolean {
  const a = Buffer.from(password, "utf8");
  const b = Buffer.from(ctx.config.devPassword, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

export function startSession(c: Context, ctx: TenantContext, oid: string): void {
  const id = randomBytes(24).toString("base64url");
  sessionsOf(ctx).set(id, { oid, expiresAt: ctx.now().getTime() + LIFETIME_MS });
  setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: "Lax", path: "/", maxAge: LIFETIME_MS / 1000 });
}

export function endSession(c: Context, ctx: TenantContext): void {
  const id = getCookie(c, SESSION_COOKIE);
  if (id) sessionsOf(ctx).delete(id);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

export function sessionUser(c: Context, ctx: TenantContext): string | undefined {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id) return undefined;
  const s = sessionsOf(ctx).get(id);
  if (!s) return undefined;
  if (s.expiresAt < ctx.now().getTime()) {
    sessionsOf(ctx).delete(id);
    return undefined;
  }
  return s.oid;
}

export function requireUser(c: Context, ctx: TenantContext): string {
  const oid = sessionUser(c, ctx);
  if (!oid) throw new GraphError(401, "NotSignedIn", "サインインしてください。 / Sign in first.");
  return oid;
}
