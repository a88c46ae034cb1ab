import type { Principal } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../deps.js";
import type { GraphGateway } from "../../graph/gateway.js";
import type { Storage } from "../../storage/index.js";
import { codeOf, createTestStorage } from "../../storage/testing.js";
import type { GroupMember } from "../audience/group-members.js";
import type { SurveysDeps } from "../deps.js";
import { createSurvey } from "../drafts/create-survey.js";
import { deleteSurvey, updateSurvey } from "../drafts/update-survey.js";
import { surveysRepos } from "../entities.js";
import { listRecipients } from "../recipients.js";
import { openSurvey } from "./open-survey.js";
import { writeRecipients } from "./write-recipients.js";

const SCHOOL = "aoba-e";
const owner: Principal = {
  oid: "owner-1",
  tenantId: "t",
  name: "伊藤 綾",
  upn: "aya.ito@example",
  kind: "staff",
  schools: [SCHOOL],
  roles: ["teacher"],
  memberships: [{ schoolId: SCHOOL, roles: ["teacher"], staff: true }],
};
const colleague: Principal = { ...owner, oid: "other-1", name: "桜井 聡" };

let storage: Storage;
let groups: Record<string, GroupMember[]>;
let deps: SurveysDeps;
const now = new Date("2026-11-25T00:00:00.000Z");

beforeAll(async () => {
  storage = await createTestStorage();
  groups = {};
  deps = {
    storage,
    graph: {} as GraphGateway,
    clock: () => now,
    logger: silentLogger,
    linkKey: "k",
    publicUrl: undefined,
    members: { of: async (nick) => groups[nick] ?? [] },
  };
});
afterAll(async () => {
  await storage?.dispose();
});

const def = (roles: string[] = []) => ({
  title: "出欠",
  description: "",
  anonymous: false,
  deadline: "2026-12-01T08:00:00.000Z",
  audience: { kind: "staff" as const, roles: roles as never[] },
  reminders: { daysBefore: [] },
  questions: [{ id: "q1", type: "yesNo" as const, title: "参加", required: true }],
});

describe("openSurvey", () => {
  it("writes the recipients, opens under the ETag, enqueues one cards effect; again is idempotent", async () => {
    groups["komu-aoba-e-staff"] = [
      { oid: "a", name: "A" },
      { oid: "b", name: "B" },
    ];
    const draft = await createSurvey(deps, { schoolId: SCHOOL, principal: owner, input: def() });
    // Left over from an earlier interrupted open, for someone no longer in the audience.
    await writeRecipients(deps, SCHOOL, draft.id, [{ key: "u-gone", kind: "staff", oid: "gone", name: "G" }]);
    expect(
      await codeOf(openSurvey(deps, { schoolId: SCHOOL, surveyId: draft.id, principal: owner, etag: 'W/"x"' })),
    ).toBe("STALE_ETAG");
    expect(
      await codeOf(openSurvey(deps, { schoolId: SCHOOL, surveyId: draft.id, principal: colleague, etag: draft.etag })),
    ).toBe("FORBIDDEN");
    const opened = await openSurvey(deps, { schoolId: SCHOOL, surveyId: draft.id, principal: owner, etag: draft.etag });
    expect(opened.data).toMatchObject({ status: "open", recipientCount: 2, openedAt: now.toISOString() });
    expect((await listRecipients(deps, SCHOOL, draft.id)).map((r) => r.data.key).sort()).toEqual(["u-a", "u-b"]);

    const again = await openSurvey(deps, { schoolId: SCHOOL, surveyId: draft.id, principal: owner, etag: draft.etag });
    expect(again.etag).toBe(opened.etag);
    const stats = await storage.outbox.stats();
    expect(stats.pending + stats.done).toBe(1);

    expect(
      await codeOf(
        updateSurvey(deps, { schoolId: SCHOOL, surveyId: draft.id, principal: owner, input: def(), etag: opened.etag }),
      ),
    ).toBe("SURVEY_NOT_DRAFT");
  });

  it("nobody in the audience: SURVEY_AUDIENCE_EMPTY and the draft stays a draft", async () => {
    const draft = await createSurvey(deps, { schoolId: SCHOOL, principal: owner, input: def(["nurse"]) });
    expect(
      await codeOf(openSurvey(deps, { schoolId: SCHOOL, surveyId: draft.id, principal: owner, etag: draft.etag })),
    ).toBe("SURVEY_AUDIENCE_EMPTY");
    expect((await surveysRepos(storage).surveys.require(SCHOOL, draft.id)).data.status).toBe("draft");
  });

  it("deleting a draft drops rows an interrupted open left", async () => {
    const draft = await createSurvey(deps, { schoolId: SCHOOL, principal: owner, input: def() });
    await writeRecipients(deps, SCHOOL, draft.id, [{ key: "u-a", kind: "staff", oid: "a", name: "A" }]);
    await deleteSurvey(deps, { schoolId: SCHOOL, surveyId: draft.id, principal: owner, etag: draft.etag });
    expect(await listRecipients(deps, SCHOOL, draft.id)).toEqual([]);
  });

  it("a deadline already past refuses the draft", async () => {
    expect(
      await codeOf(
        createSurvey(deps, {
          schoolId: SCHOOL,
          principal: owner,
          input: { ...def(), deadline: "2026-11-24T00:00:00.000Z" },
        }),
      ),
    ).toBe("SURVEY_DEADLINE_PAST");
  });
});
