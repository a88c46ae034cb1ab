import { describe, expect, it } from "vitest";
import type { SurveysDeps } from "../deps.js";
import type { SurveyRecipientRow } from "../entities.js";
import { buildMatcher } from "./match.js";

const person = (key: string, patch: Partial<SurveyRecipientRow>): SurveyRecipientRow =>
  ({ surveyId: "s", key, kind: "staff", oid: null, name: "", submittedAt: null, ...patch }) as SurveyRecipientRow;

const child = (studentNumber: string) => ({
  studentNumber,
  grade: 1,
  class: 1,
  number: 1,
  name: "",
  kana: "",
  oid: null,
});

function deps(users: Record<string, { userPrincipalName: string; mail: string | null }>) {
  const batches: unknown[] = [];
  const graph = {
    app: {
      api: () => ({
        post: async (body: { requests: { id: string; url: string }[] }) => {
          batches.push(body);
          return {
            responses: body.requests.map((r) => {
              const oid = decodeURIComponent(r.url.split("/")[2]?.split("?")[0] ?? "");
              const u = users[oid];
              return u ? { id: r.id, status: 200, body: u } : { id: r.id, status: 404 };
            }),
          };
        },
      }),
    },
  };
  const roster = {
    guardians: async () => [
      {
        guardianNumber: "G1",
        studentNumber: "S1",
        relationship: "母",
        name: "山田 花子",
        kana: "",
        email: "hanako@example.jp",
        child: child("S1"),
      },
      {
        guardianNumber: "G1",
        studentNumber: "S2",
        relationship: "母",
        name: "山田 花子",
        kana: "",
        email: "hanako@example.jp",
        child: child("S2"),
      },
      {
        guardianNumber: "G2",
        studentNumber: "S3",
        relationship: "父",
        name: "佐藤 一郎",
        kana: "",
        email: "",
        child: child("S3"),
      },
    ],
  };
  return { deps: { graph, roster } as unknown as Pick<SurveysDeps, "graph" | "roster">, batches };
}

describe("Forms row matching", () => {
  it("staff by UPN or mail (one $batch of 20), case-insensitive; unknown and anonymous match nobody", async () => {
    const staff = Array.from({ length: 25 }, (_, i) => person(`u-o${i}`, { oid: `o${i}`, name: `職員${i}` }));
    const users = Object.fromEntries(
      staff.map((s, i) => [
        s.oid as string,
        { userPrincipalName: `t${i}@aoba.example`, mail: i === 3 ? "alias@aoba.example" : null },
      ]),
    );
    const { deps: d, batches } = deps(users);
    const m = await buildMatcher(d, "aoba-e", staff);
    expect(batches).toHaveLength(2);
    expect(m.match("T7@Aoba.example", "")).toBe("u-o7");
    expect(m.match("alias@aoba.example", "")).toBe("u-o3");
    expect(m.match("nobody@aoba.example", "職員1")).toBeUndefined();
    expect(m.match("anonymous", "")).toBeUndefined();
  });

  it("guardians by email (siblings: the first child without an answer, then the next) or by name without spaces", async () => {
    const { deps: d } = deps({});
    const recipients = [
      person("g-G1-S1", { kind: "guardian", name: "山田 花子", submittedAt: "2026-11-01T00:00:00.000Z" }),
      person("g-G1-S2", { kind: "guardian", name: "山田 花子" }),
      person("g-G2-S3", { kind: "guardian", name: "佐藤 一郎" }),
    ];
    const m = await buildMatcher(d, "aoba-e", recipients);
    expect(m.match("hanako@example.jp", "")).toBe("g-G1-S2");
    expect(m.match("HANAKO@example.jp", "")).toBe("g-G1-S1");
    expect(m.match("ichiro@other.example", "佐藤　一郎")).toBe("g-G2-S3");
    expect(m.match("", "佐藤一郎")).toBe("g-G2-S3");
    expect(m.match("", "鈴木 次郎")).toBeUndefined();
  });
});
