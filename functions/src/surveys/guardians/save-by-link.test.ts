import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../deps.js";
import type { GraphGateway } from "../../graph/gateway.js";
import type { EntityStore, Storage } from "../../storage/index.js";
import { codeOf, createTestStorage } from "../../storage/testing.js";
import type { SurveysDeps } from "../deps.js";
import { type SurveyRow, surveysRepos } from "../entities.js";
import { writeRecipients } from "../open/write-recipients.js";
import { expiryOf, signLinkToken } from "./link-token.js";
import { sessionCookieName } from "./open-link.js";
import { saveByLink } from "./save-by-link.js";

const SCHOOL = "aoba-e";
const SURVEY = "slinkrace01";
const KEY = "g-100001-2024001";
const LINK_KEY = "unit-test-link-key-0123456789abcdef";
const now = new Date("2026-11-25T00:00:00.000Z");
let storage: Storage;
/** Runs once before the next transaction (to change a row in between a read and the write). */
let beforeNextTransaction: (() => Promise<void>) | null = null;
let deps: SurveysDeps;

const survey: SurveyRow = {
  title: "行事の出欠",
  description: "",
  questions: [{ id: "q1", type: "yesNo", title: "参加", required: true }],
  anonymous: false,
  deadline: "2026-12-01T08:00:00.000Z",
  audience: { kind: "guardians", groups: [] },
  reminders: { daysBefore: [] },
  status: "open",
  source: { kind: "komu" },
  ownerOid: "o1",
  ownerName: "伊藤 綾",
  openedAt: now.toISOString(),
  closedAt: null,
  recipientCount: 1,
  scheduledRemindersSent: [],
};

beforeAll(async () => {
  storage = await createTestStorage();
  const entities = new Proxy(storage.entities, {
    get(target, prop) {
      if (prop === "transaction")
        return async (...args: Parameters<EntityStore["transaction"]>) => {
          const hook = beforeNextTransaction;
          beforeNextTransaction = null;
          await hook?.();
          return target.transaction(...args);
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  deps = {
    storage: { ...storage, entities },
    graph: {} as GraphGateway,
    clock: () => now,
    logger: silentLogger,
    linkKey: LINK_KEY,
    publicUrl: "https://komu.example",
    members: { of: async () => [] },
  };
  await writeRecipients(deps, SCHOOL, SURVEY, [
    { key: KEY, kind: "guardian", oid: null, name: "和田 恵", childName: "和田 澪", grade: 1, class: 1, number: 3 },
  ]);
  await surveysRepos(storage).surveys.create(SCHOOL, SURVEY, survey);
});
afterAll(async () => {
  await storage?.dispose();
});

describe("saveByLink", () => {
  it("a link reissued between its check and the write saves nothing (the retry sees the new version)", async () => {
    const token = signLinkToken(LINK_KEY, { s: SCHOOL, i: SURVEY, k: KEY, v: 0, e: expiryOf(survey.deadline) });
    const cookies = new Map<string, string>();
    // First save: claims the link on this device.
    const first = await saveByLink(deps, {
      token,
      secretOf: (c) => cookies.get(sessionCookieName(c)),
      response: { answers: { q1: true }, submit: false },
    });
    expect(first.opened.state).toBe("claimed");
    cookies.set(sessionCookieName(first.opened.claims), first.opened.secret as string);

    // Second save: the school reissues the link after the checks, before the write.
    const repo = surveysRepos(storage).recipients;
    beforeNextTransaction = async () => {
      const row = await repo.require(SCHOOL, `${SURVEY}.${KEY}`);
      await repo.update(
        SCHOOL,
        row.id,
        { ...row.data, linkVersion: row.data.linkVersion + 1, linkClaimedAt: null, sessionHash: null },
        row.etag,
      );
    };
    const code = await codeOf(
      saveByLink(deps, {
        token,
        secretOf: (c) => cookies.get(sessionCookieName(c)),
        response: { answers: { q1: false }, submit: true },
      }),
    );
    expect(code).toBe("SURVEY_LINK_INVALID");
    const after = await repo.require(SCHOOL, `${SURVEY}.${KEY}`);
    expect(after.data).toMatchObject({ submittedAt: null, partial: true, linkVersion: 1 });
    const response = await surveysRepos(storage).responses.require(SCHOOL, `${SURVEY}.${KEY}`);
    expect(response.data.answers).toEqual({ q1: true });
  });
});
