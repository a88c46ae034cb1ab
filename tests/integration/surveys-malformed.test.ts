/**
 * Malformed requests to every surveys route: huge bodies, wrong types, unknown fields, bad ids,
 * bad tokens, another school's survey — each answered with a 4xx error body, never a 500, and
 * nothing created by a refused request.
 */
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

const SCHOOL = "aoba-e";
const TEACHER = KNOWN_USERS.aobaTeacher;
let platform: RunningPlatform;
let surveyId = "";
let etag = "";

async function call(
  upn: string | null,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${platform.url}${path}`, {
    method,
    headers: {
      ...(upn ? { authorization: `Bearer ${await signIn(platform, upn)}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body }),
  });
}

const definition = {
  title: "職員アンケート",
  deadline: new Date(Date.now() + 5 * 86400_000).toISOString(),
  audience: { kind: "staff", roles: ["teacher"] },
  questions: [{ id: "q1", type: "number", title: "人数", required: true, min: 0, max: 5 }],
};

beforeAll(async () => {
  platform = await startTestPlatform({
    jobs: false,
    throttle: "off",
    env: { SECRET_KOMU_LINK_KEY: "malformed-test-link-key-0123456789abcdef" },
  });
  const created = await call(TEACHER.upn, "POST", `/api/schools/${SCHOOL}/surveys`, JSON.stringify(definition));
  expect(created.status).toBe(201);
  surveyId = (await created.json()).id;
  etag = (await call(TEACHER.upn, "GET", `/api/schools/${SCHOOL}/surveys/${surveyId}`)).headers.get("etag") ?? "";
});
afterAll(async () => {
  await platform?.stop();
});

describe("surveys: malformed requests", () => {
  it("every bad request is a 4xx with an error body, never a 500", async () => {
    const s = `/api/schools/${SCHOOL}/surveys`;
    const huge = JSON.stringify({ ...definition, description: "あ".repeat(3_000_000) });
    const cases: [string, string, string | undefined, Record<string, string>?][] = [
      ["POST", s, huge],
      ["POST", s, "{not json"],
      ["POST", s, "[]"],
      ["POST", s, "null"],
      ["POST", s, JSON.stringify({ ...definition, title: 42 })],
      ["POST", s, JSON.stringify({ ...definition, deadline: "tomorrow" })],
      ["POST", s, JSON.stringify({ ...definition, questions: "q1" })],
      [
        "POST",
        s,
        JSON.stringify({
          ...definition,
          questions: Array.from({ length: 500 }, (_, i) => ({ id: `q${i}`, type: "yesNo", title: "x" })),
        }),
      ],
      ["POST", s, JSON.stringify({ ...definition, audience: { kind: "guardians", groups: [{ grade: "1" }] } })],
      ["POST", `${s}/audience-preview`, JSON.stringify({ kind: "nobody" })],
      ["POST", `${s}/audience-preview`, JSON.stringify({ audience: { kind: "students", groups: [{ grade: 1e308 }] } })],
      ["GET", `${s}/NOT-AN-ID`, undefined],
      ["GET", `${s}/${"a".repeat(200)}`, undefined],
      ["GET", `${s}/zzzzzzzzzzzz`, undefined],
      ["GET", `/api/schools/higashi-e/surveys/${surveyId}`, undefined],
      ["GET", `/api/schools/..%2F..%2Fx/surveys`, undefined],
      ["GET", `${s}?status=maybe`, undefined],
      ["PUT", `${s}/${surveyId}`, JSON.stringify(definition)],
      ["PUT", `${s}/${surveyId}`, JSON.stringify(definition), { "if-match": 'W/"nope"' }],
      ["POST", `${s}/${surveyId}/deadline`, JSON.stringify({ deadline: 5 }), { "if-match": etag }],
      ["POST", `${s}/${surveyId}/remind`, JSON.stringify({ keys: "all" })],
      ["POST", `${s}/${surveyId}/remind`, JSON.stringify({ keys: Array.from({ length: 3000 }, () => "u-x") })],
      ["PUT", `${s}/${surveyId}/my-response`, JSON.stringify({ answers: { q1: "x" }, submit: "yes" })],
      ["PUT", `${s}/${surveyId}/my-response`, JSON.stringify({ answers: { ["q".repeat(100)]: 1 }, submit: true })],
      ["PUT", `${s}/${surveyId}/my-response`, JSON.stringify({ answers: [1, 2], submit: true })],
      ["GET", `${s}/${surveyId}/export?format=pdf`, undefined],
      ["POST", `${s}/${surveyId}/recipients/u-${TEACHER.id}/reissue-link`, "{}"],
      ["POST", `${s}/${surveyId}/recipients/g-${"x".repeat(300)}/reissue-link`, "{}"],
      ["POST", `${s}/${surveyId}/archive`, JSON.stringify({ categoryCode: { $ne: 1 } })],
      ["POST", `${s}/forms`, JSON.stringify({ title: "f", workbook: { url: "javascript:alert(1)" } })],
      [
        "POST",
        `${s}/forms`,
        JSON.stringify({
          title: "f",
          workbook: { url: "https://evil.example/x.xlsx" },
          audience: { kind: "staff", roles: [] },
          deadline: definition.deadline,
        }),
      ],
      ["POST", `${s}/${surveyId}/forms-sync`, "{}"],
    ];
    const statuses: string[] = [];
    for (const [method, path, body, headers] of cases) {
      const res = await call(TEACHER.upn, method, path, body, headers);
      const text = await res.text();
      statuses.push(`${res.status} ${method} ${path.slice(0, 70)} ${(body ?? "").slice(0, 60)} ${text.slice(0, 90)}`);
    }
    for (const line of statuses) {
      expect(Number(line.slice(0, 3)), line).toBeGreaterThanOrEqual(400);
      expect(Number(line.slice(0, 3)), line).toBeLessThan(500);
    }
    // An unknown field is dropped, not stored or echoed.
    const extra = await call(
      TEACHER.upn,
      "POST",
      s,
      JSON.stringify({ ...definition, unknownField: { deep: [1, 2] }, ownerOid: "someone-else", status: "open" }),
    );
    expect(extra.status).toBe(201);
    const made = await extra.json();
    expect(JSON.stringify(made)).not.toContain("unknownField");
    expect(made).toMatchObject({ status: "draft" });
    const list = await (await call(TEACHER.upn, "GET", s)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(made.id);
  });

  it("the public guardian routes: bad tokens, huge bodies, no header — 4xx, never a 500", async () => {
    const cases: [string, string, string | undefined, Record<string, string>?][] = [
      ["GET", "/api/public/surveys/not-a-token", undefined],
      ["GET", `/api/public/surveys/v1.${"A".repeat(600)}.x`, undefined],
      ["GET", `/api/public/surveys/v1.eyJzIjoiYSJ9.${"A".repeat(43)}`, undefined],
      ["PUT", "/api/public/surveys/v1.abc.def", JSON.stringify({ answers: {}, submit: true }), { "x-komu-link": "1" }],
      ["PUT", "/api/public/surveys/v1.abc.def", JSON.stringify({ answers: {}, submit: true })],
      ["PUT", "/api/public/surveys/v1.abc.def", "x".repeat(400_000), { "x-komu-link": "1" }],
      ["PUT", "/api/public/surveys/v1.abc.def", "{bad", { "x-komu-link": "1" }],
    ];
    for (const [method, path, body, headers] of cases) {
      const res = await call(null, method, path, body, headers);
      const text = await res.text();
      expect(res.status, `${method} ${path.slice(0, 80)}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path.slice(0, 80)}: ${text.slice(0, 300)}`).toBeLessThan(500);
    }
    const page = await call(null, "GET", "/api/public/s/v1.abc.def");
    expect(page.status).toBe(400);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await page.text()).toContain("アンケートを開けません");
  });
});
