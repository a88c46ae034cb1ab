/**
 * Meetings benchmark (issue 6): 5 materials distributed to the 30 staff of 青葉中学校 (aoba-j,
 * `allStaff: true`), through the public API as the tab does it, against the local tenant enforcing
 * the documented SharePoint budget. For (a) adding the 5 materials, (b) distributing and (c)
 * replacing one material: Graph calls by kind (the gateway's counter), SharePoint resource units
 * (the tenant's /_emulator/stats) and permission operations (invites, permission deletes, $batch
 * invites) — per material and per attendee. Expected: a constant number for the whole meeting
 * (one invite per shared subfolder, 資料 and 取扱注意), 0 per material and 0 per attendee.
 */

import { meetingsRepos } from "@komu/functions/meetings/entities";
import { textPdf } from "@komu/functions/meetings/text/testing";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { signIn } from "../support/sign-in.js";
import { api, type Json } from "./api.js";

const SCHOOL = "aoba-j";
const MATERIALS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Totals {
  requests: number;
  resourceUnits: number;
  throttled: number;
}

async function tenantTotals(platform: RunningPlatform): Promise<Totals> {
  const body = (await (await fetch(`${platform.tenant.origin}/_emulator/stats`)).json()) as { totals: Totals };
  return body.totals;
}

async function stage(platform: RunningPlatform, token: string, bytes: Uint8Array, name: string): Promise<string> {
  const res = await fetch(`${platform.url}/api/schools/${SCHOOL}/records/uploads`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/pdf",
      "x-komu-file-name": encodeURIComponent(name),
    },
    body: Buffer.from(bytes),
  });
  if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { uploadId: string }).uploadId;
}

const isPermissionOp = (kind: string) => /invite|permissions|\$batch/i.test(kind);

interface Phase {
  name: string;
  calls: Record<string, number>;
  ru: number;
  throttled: number;
  ms: number;
}

async function measure(platform: RunningPlatform, name: string, run: () => Promise<void>): Promise<Phase> {
  // Let background work of the previous phase (effects, cards) settle first.
  await sleep(500);
  platform.deps.graph.calls.reset();
  const before = await tenantTotals(platform);
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  await sleep(500);
  const after = await tenantTotals(platform);
  return {
    name,
    calls: platform.deps.graph.calls.snapshot(),
    ru: after.resourceUnits - before.resourceUnits,
    throttled: after.throttled - before.throttled,
    ms,
  };
}

export async function benchMeetings(platform: RunningPlatform): Promise<void> {
  const chair = await signIn(platform, KNOWN_USERS.aobaJuniorTeacher.upn);
  const base = `/api/schools/${SCHOOL}/meetings`;
  const created = await api(platform, chair, "POST", base, {
    type: "staffMeeting",
    title: "ベンチ 職員会議",
    startsAt: "2026-12-10T06:30:00.000Z",
    endsAt: "2026-12-10T08:00:00.000Z",
    place: "会議室",
    online: true,
    attendees: { allStaff: true },
    agenda: [
      { id: "a1", title: "行事予定", minutes: 30, presenterName: "西村" },
      { id: "a2", title: "生徒指導", minutes: 30 },
    ],
  });
  const meetingId = created.body.id as string;
  const attendees = (created.body.attendees as Json[]).length;
  const ids: string[] = [];
  const untilReady = async (version: number, which: string[]) => {
    for (let i = 0; i < 600; i++) {
      const got = await api(platform, chair, "GET", `${base}/${meetingId}`);
      const mats = (got.body.materials as Json[]).filter((m) => which.includes(m.id));
      if (mats.some((m) => m.status === "failed")) throw new Error("a material failed");
      if (mats.length === which.length && mats.every((m) => m.status === "ready" && m.version >= version)) return got;
      await sleep(100);
    }
    throw new Error("materials not ready");
  };

  const add = await measure(platform, "(a) add 5 materials", async () => {
    for (let i = 1; i <= MATERIALS; i++) {
      const pages = Array.from({ length: 4 }, (_, p) => [`資料${i} ${p + 1}ページ`, "本文"]);
      const uploadId = await stage(platform, chair, await textPdf(pages), `資料${i}.pdf`);
      const r = await api(platform, chair, "POST", `${base}/${meetingId}/materials`, {
        uploadId,
        title: `資料${i}`,
        classification: i === MATERIALS ? "II" : "III",
        agendaItemId: "a1",
      });
      ids.push((r.body.materials as Json[]).at(-1).id);
    }
    await untilReady(1, ids);
  });

  let etag = (await api(platform, chair, "GET", `${base}/${meetingId}`)).etag;
  const cardsSent = async () =>
    (await meetingsRepos(platform.deps.storage).reads.list(SCHOOL, { where: { meetingId }, limit: 1000 })).items.filter(
      (r) => r.data.cardActivityId,
    ).length;
  const distribute = await measure(platform, "(b) distribute", async () => {
    const r = await api(platform, chair, "POST", `${base}/${meetingId}/distribute`, undefined, etag);
    etag = r.etag;
    for (let i = 0; i < 300 && (await cardsSent()) < attendees; i++) await sleep(100);
  });
  const cards = await cardsSent();

  const updatesSent = async () =>
    (await meetingsRepos(platform.deps.storage).reads.list(SCHOOL, { where: { meetingId }, limit: 1000 })).items.filter(
      (r) => r.data.updatesSent.length > 0,
    ).length;
  const replace = await measure(platform, "(c) replace 1 material", async () => {
    const uploadId = await stage(platform, chair, await textPdf([["資料1 改訂版"], ["本文"]]), "資料1-v2.pdf");
    await api(
      platform,
      chair,
      "PUT",
      `${base}/${meetingId}/materials/${ids[0]}/content`,
      { uploadId, changeNote: "日程を修正" },
      etag,
    );
    await untilReady(2, [ids[0] as string]);
    for (let i = 0; i < 300 && (await updatesSent()) < attendees; i++) await sleep(100);
  });
  const updates = await updatesSent();

  const lines: string[] = [];
  const permissionOps: number[] = [];
  for (const phase of [add, distribute, replace]) {
    const total = Object.values(phase.calls).reduce((a, b) => a + b, 0);
    const perms = Object.entries(phase.calls)
      .filter(([k]) => isPermissionOp(k))
      .reduce((a, [, n]) => a + n, 0);
    lines.push(
      `  ${phase.name}: ${phase.ms.toFixed(0)} ms, Graph calls ${total}, SharePoint RU ${phase.ru}` +
        `${phase.throttled ? ` (429s: ${phase.throttled})` : ""}, permission operations ${perms}`,
    );
    permissionOps.push(perms);
    for (const [kind, n] of Object.entries(phase.calls).sort((a, b) => b[1] - a[1])) lines.push(`      ${n}× ${kind}`);
  }
  console.log(`
Meetings (${SCHOOL}: ${attendees} attendees (allStaff), ${MATERIALS} materials, one of class II)
${lines.join("\n")}
  permission operations: ${permissionOps[0]} while adding ${MATERIALS} materials (${((permissionOps[0] ?? 0) / MATERIALS).toFixed(2)} per material), ${permissionOps[1]} to distribute to ${attendees} attendees (one invite per shared subfolder for the whole meeting: ${((permissionOps[1] ?? 0) / attendees).toFixed(2)} per attendee), ${permissionOps[2]} to replace a material
  cards: ${cards}/${attendees} meeting cards, ${updates}/${attendees} update cards after the replacement
`);
}
