import { describe, expect, it } from "vitest";
import type { ApprovalsDeps } from "../deps.js";
import { appendOrDefer, approvalsAuditHandler, type Committed } from "./commit-transition.js";

const entry = (n: number) =>
  ({
    kind: "approval.viewed",
    actor: { oid: "u", name: "n" },
    target: { kind: "approval", id: "a1" },
    data: { stageId: `s${n}`, via: "card" },
  }) as const;

describe("audit entries of a committed transition", () => {
  it("what the audit table refuses now is handed to the outbox, and appended by approvals.audit later", async () => {
    const appended: unknown[] = [];
    const enqueued: { kind: string; payload: unknown; dedupeKey: string }[] = [];
    let failNext = false;
    const storage = {
      audit: {
        append: async (_school: string, e: unknown) => {
          if (failNext) throw new Error("503 from the table service");
          appended.push(e);
          if (appended.length === 1) failNext = true;
        },
      },
      outbox: { enqueue: async (input: { kind: string; payload: unknown; dedupeKey: string }) => enqueued.push(input) },
    } as unknown as ApprovalsDeps["storage"];
    const committed = { row: { id: "a1", etag: 'W/"1"' } } as unknown as Committed;
    const logger = { info() {}, warn() {}, error() {} };
    await appendOrDefer({ storage, logger }, "aoba-e", committed, [entry(1), entry(2), entry(3)]);
    expect(appended).toEqual([entry(1)]);
    expect(enqueued).toEqual([
      {
        kind: "approvals.audit",
        schoolId: "aoba-e",
        payload: { entries: [entry(2), entry(3)] },
        dedupeKey: 'a1:W/"1":audit',
      },
    ]);
    failNext = false;
    await approvalsAuditHandler({ storage })(enqueued[0]?.payload, 1, { schoolId: "aoba-e" } as never);
    expect(appended).toEqual([entry(1), entry(2), entry(3)]);
  });
});
