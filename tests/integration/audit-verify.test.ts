/**
 * Audit verify through the real API host: events appended to a school's chain in Azure Tables,
 * one row edited behind Kōmu's back with the Tables SDK, and `GET /api/audit/verify` (signed in
 * as the board's system administrator via the local tenant) names exactly that event.
 */

import { TABLES } from "@komu/functions/storage/names";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import type { AuditEventInput } from "@komu/shared/audit/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

let platform: RunningPlatform;
let token: string;

beforeAll(async () => {
  platform = await startTestPlatform({ jobs: false, throttle: "off" });
  token = await signIn(platform, KNOWN_USERS.boardAdmin.upn);
});
afterAll(async () => {
  await platform?.stop();
});

const actor = { oid: "11111111-2222-4333-8444-555555555555", name: "青葉 花子" };
const updated = (i: number): AuditEventInput => ({
  kind: "entity.updated",
  actor,
  target: { kind: "notice", id: `notice-${i}` },
  data: { changes: { title: { from: `旧${i}`, to: `新${i}` } } },
});

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
const verify = async (schoolId: string): Promise<{ status: number; body: any }> => {
  const res = await fetch(`${platform.url}/api/audit/verify?schoolId=${schoolId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: await res.json() };
};

describe("GET /api/audit/verify names a single modified event", () => {
  it("an intact chain verifies; after one row is edited, the answer names exactly that seq", async () => {
    const { audit, resources } = platform.deps.storage;
    const appended = [];
    for (let i = 1; i <= 8; i++) appended.push(await audit.append("higashi-e", updated(i)));
    const target = appended[4];
    if (!target) throw new Error("append failed");

    const intact = await verify("higashi-e");
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ schoolId: "higashi-e", ok: true });
    expect(intact.body.firstBroken).toBeUndefined();

    // Tamper with one event's stored JSON, leaving its hash alone.
    const table = await resources.table(TABLES.audit);
    const rowKey = `e${String(target.seq).padStart(12, "0")}`;
    const row = await table.getEntity<Record<string, unknown>>("higashi-e", rowKey);
    expect(row.id).toBe(target.event.id);
    const tampered = (row.v0 as string).replace("新5", "改ざん");
    expect(tampered).not.toBe(row.v0);
    await table.updateEntity({ partitionKey: "higashi-e", rowKey, v0: tampered }, "Merge");

    const broken = await verify("higashi-e");
    expect(broken.status).toBe(200);
    expect(broken.body.ok).toBe(false);
    expect(broken.body.firstBroken).toEqual({ seq: target.seq, id: target.event.id, reason: "hash mismatch" });
    expect(broken.body.checked).toBe(target.seq);

    // Other schools' chains are untouched by it.
    expect((await verify("nishi-e")).body).toMatchObject({ ok: true });
  });
});
