/**
 * The guardians' public routes (no bearer token; the signed link and the device's cookie are the
 * credentials): the page, its script and stylesheet, and the JSON API the script calls.
 * CSRF: the claim cookie is SameSite=Strict and HttpOnly, and a write needs
 * `Content-Type: application/json` plus `X-Komu-Link: 1` (a cross-site form can send neither).
 */
import { isKomuError, KomuError, ResponseInput } from "@komu/shared";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppDeps } from "../../../deps.js";
import type { Endpoint, KomuEnv } from "../../../http/types.js";
import type { SurveysDeps } from "../../deps.js";
import { parseWith, surveysOf } from "../../routes/common.js";
import { guardianResponse } from "../guardian-response.js";
import { type LinkClaims, verifyLinkToken } from "../link-token.js";
import { type OpenedLink, openLink, secondsUntil, sessionCookieName } from "../open-link.js";
import { PAGE_CSP } from "../page/html.js";
import { renderLinkProblemPage, renderReloadPage, renderSurveyPage } from "../page/render-page.js";
import { PAGE_SCRIPT } from "../page/script.js";
import { PAGE_CSS } from "../page/style.js";
import { saveByLink } from "../save-by-link.js";
import { writeLimit } from "../write-limit.js";
import {
  guardianGetResponseRoute,
  guardianPageRoute,
  guardianPutResponseRoute,
  guardianScriptRoute,
  guardianStyleRoute,
} from "./public.types.js";

/** Writes per link per minute (a guardian saving and submitting needs a handful). */
export const LINK_WRITES_PER_MINUTE = 30;
const API_PATH = "/api/public/surveys";
const COOKIE_PATH = "/api/public/";

type C = Context<KomuEnv>;

const secretsOf = (c: C) => (claims: LinkClaims) => getCookie(c, sessionCookieName(claims));

async function schoolNameOf(deps: AppDeps, schoolId: string): Promise<string | undefined> {
  return deps.schools
    .get(schoolId)
    .then((s) => s?.name)
    .catch(() => undefined);
}

/** Sets (or renews, so an extended deadline extends it) the device's claim cookie. */
function keepSession(c: C, s: SurveysDeps, opened: OpenedLink, secret: string | undefined): void {
  if (!secret) return;
  setCookie(c, sessionCookieName(opened.claims), secret, {
    httpOnly: true,
    sameSite: "Strict",
    path: COOKIE_PATH,
    maxAge: secondsUntil(opened.survey.data.deadline, s.clock()),
    secure: (s.publicUrl ?? "").startsWith("https://"),
  });
}

export const guardianPageEndpoint: Endpoint = {
  route: guardianPageRoute,
  auth: "public",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(guardianPageRoute, async (c) => {
      c.header("Content-Security-Policy", PAGE_CSP);
      const { token } = c.req.valid("param");
      const { c: secondTry } = c.req.valid("query");
      try {
        const s = surveysOf(deps);
        // The page never claims: mail scanners and link previews fetch it too. The script does.
        const opened = await openLink(s, token, { secretOf: secretsOf(c), claim: false });
        const schoolName = await schoolNameOf(deps, opened.claims.s);
        const response = await guardianResponse(s, opened.survey, opened.recipient, schoolName);
        // Answers are shown only to the device that holds the claim (the script fills them after claiming).
        const shown = opened.state === "session" ? response : { ...response, answers: {}, status: "none" as const };
        return c.html(renderSurveyPage({ response: shown, apiPath: `${API_PATH}/${token}` }), 200);
      } catch (e) {
        if (!isKomuError(e) || e.status >= 500) throw e;
        if (e.code === "SURVEY_LINK_USED" && !secondTry)
          return c.html(renderReloadPage(`/api/public/s/${encodeURIComponent(token)}`), 200);
        const status = e.status as 400 | 409 | 410;
        return c.html(renderLinkProblemPage({ code: e.code, ...e.text }), status);
      }
    });
  },
};

export const guardianScriptEndpoint: Endpoint = {
  route: guardianScriptRoute,
  auth: "public",
  body: { kind: "none" },
  register(app) {
    app.openapi(guardianScriptRoute, (c) => {
      c.header("Cache-Control", "public, max-age=3600");
      return c.body(PAGE_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
    });
  },
};

export const guardianStyleEndpoint: Endpoint = {
  route: guardianStyleRoute,
  auth: "public",
  body: { kind: "none" },
  register(app) {
    app.openapi(guardianStyleRoute, (c) => {
      c.header("Cache-Control", "public, max-age=3600");
      return c.body(PAGE_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
    });
  },
};

export const guardianGetResponseEndpoint: Endpoint = {
  route: guardianGetResponseRoute,
  auth: "public",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(guardianGetResponseRoute, async (c) => {
      const s = surveysOf(deps);
      const { token } = c.req.valid("param");
      const secretOf = secretsOf(c);
      const opened = await openLink(s, token, { secretOf, claim: true });
      keepSession(c, s, opened, opened.secret ?? secretOf(opened.claims));
      const schoolName = await schoolNameOf(deps, opened.claims.s);
      return c.json(await guardianResponse(s, opened.survey, opened.recipient, schoolName), 200);
    });
  },
};

export const guardianPutResponseEndpoint: Endpoint = {
  route: guardianPutResponseRoute,
  auth: "public",
  body: { kind: "json", maxBytes: 256 * 1024, required: true },
  register(app, deps) {
    const limit = writeLimit(LINK_WRITES_PER_MINUTE, 60_000);
    app.openapi(guardianPutResponseRoute, async (c) => {
      const s = surveysOf(deps);
      const { token } = c.req.valid("param");
      if (c.req.header("x-komu-link") !== "1")
        throw new KomuError("FORBIDDEN", {
          message: {
            ja: "回答ページから送信してください。",
            en: "Send your answers from the survey page.",
          },
          details: { reason: "X-Komu-Link: 1 is required" },
        });
      const claims = verifyLinkToken(s.linkKey, token);
      limit.take(`${claims.s}\n${claims.i}\n${claims.k}`, s.clock());
      const response = parseWith(ResponseInput, c.req.valid("json"));
      const secretOf = secretsOf(c);
      const { opened, body } = await saveByLink(s, {
        token,
        secretOf,
        response,
        schoolName: (id) => schoolNameOf(deps, id),
      });
      keepSession(c, s, opened, opened.secret ?? secretOf(opened.claims));
      return c.json(body, 200);
    });
  },
};

export const publicGuardianEndpoints: readonly Endpoint[] = [
  guardianScriptEndpoint,
  guardianStyleEndpoint,
  guardianPageEndpoint,
  guardianGetResponseEndpoint,
  guardianPutResponseEndpoint,
];
