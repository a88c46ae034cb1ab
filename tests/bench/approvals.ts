/**
 * Approvals benchmark (issue 5), on the local platform exactly as Teams drives it: a teacher
 * drafts and submits through the API (a staged PDF, roles resolved through Graph), then the
 * 教務主任, the 教頭 and the 校長 each click 承認 on the card in their 1:1 chat (an
 * adaptiveCard/action invoke through the local Bot Connector). Figures:
 *   - invoke latency: the click until the bot's answer card (the decision committed);
 *   - decision-to-next-card: the click until the next approver's card is in their chat;
 *   - 決裁-to-filed: the last click until the sealed PDF is filed with its 文書番号;
 *   - Graph calls and SharePoint resource units per approval (draft → filed).
 * Approvals run one after another, spaced (latencies are not queueing figures).
 */
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { cardText, click, executeActions, waitForCard } from "../support/approval-cards.js";
import { signIn } from "../support/sign-in.js";
import { tinyPdf } from "./records.js";

const SCHOOL = "aoba-e";

interface Totals {
  requests: number;
  resourceUnits: number;
}

const tenantTotals = async (platform: RunningPlatform): Promise<Totals> =>
  ((await (await fetch(`${platform.tenant.origin}/_emulator/stats`)).json()) as { totals: Totals }).totals;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export interface ApprovalFigures {
  approvals: number;
  invokeMs: { p50: number; p95: number };
  nextCardMs: { p50: number; p95: number };
  filedMs: { p50: number; p95: number };
  graphCallsPerApproval: number;
  resourceUnitsPerApproval: number;
  tenantRequestsPerApproval: number;
}

/**
 * `paceMs` spaces the approvals: the same four people get every card, and Teams allows a bot 60
 * calls per 30 s in one chat (the local tenant enforces it), so back-to-back approvals would
 * measure the throttle's Retry-After, not Kōmu.
 */
export async function benchApprovals(platform: RunningPlatform, count = 20, paceMs = 4_000): Promise<ApprovalFigures> {
  const token = await signIn(platform, KNOWN_USERS.aobaTeacher.upn);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${platform.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined || body instanceof Uint8Array ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: body instanceof Uint8Array ? Buffer.from(body) : JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: loosely read answers
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const route = [KNOWN_USERS.aobaHeadTeacher, KNOWN_USERS.aobaVicePrincipal, KNOWN_USERS.aobaPrincipal];
  const invokeMs: number[] = [];
  const nextCardMs: number[] = [];
  const filedMs: number[] = [];
  const graph = platform.deps.graph.calls;

  // Warm-up (principal caches, tables, the 発送簿 head) is not counted.
  const one = async (i: number, measure: boolean) => {
    const title = `ベンチ起案 ${measure ? "" : "warm-up "}${i} ${Date.now()}`;
    const up = await call("POST", `/api/schools/${SCHOOL}/records/uploads`, tinyPdf(title), {
      "content-type": "application/pdf",
      "x-komu-file-name": encodeURIComponent(`bench-${i}.pdf`),
    });
    const draft = await call("POST", `/api/schools/${SCHOOL}/approvals`, {
      templateId: "general",
      title,
      categoryCode: "C-04",
      mainUploadId: up.uploadId,
    });
    await call("POST", `/api/schools/${SCHOOL}/approvals/${draft.approval.id}/submit`, undefined, {
      "if-match": draft.etag,
    });
    const isMine = (verb: string) => (m: { card: unknown }) =>
      cardText(m.card).includes(title) && executeActions(m.card).some((a: { verb: string }) => a.verb === verb);
    let card = await waitForCard(platform, route[0]?.id ?? "", isMine("approval.approve"), 60_000);
    for (const [k, who] of route.entries()) {
      const t0 = performance.now();
      const answer = await click(platform, who.id, card, "approval.approve");
      const t1 = performance.now();
      if (answer.status !== 200) throw new Error(`approve by ${who.displayName}: ${answer.status}`);
      if (measure) invokeMs.push(t1 - t0);
      const next = route[k + 1];
      if (next) {
        card = await waitForCard(platform, next.id, isMine("approval.approve"), 60_000);
        if (measure) nextCardMs.push(performance.now() - t0);
      } else {
        for (;;) {
          const detail = await call("GET", `/api/schools/${SCHOOL}/approvals/${draft.approval.id}`);
          if (detail.approval.filing.status === "filed") break;
          if (detail.approval.filing.status === "failed")
            throw new Error(`filing failed: ${detail.approval.filing.error}`);
          if (performance.now() - t0 > 60_000) throw new Error("not filed within 60 s");
          await new Promise((r) => setTimeout(r, 10));
        }
        if (measure) filedMs.push(performance.now() - t0);
      }
    }
  };

  let before: Totals = { requests: 0, resourceUnits: 0 };
  // The outbox worker, as the host runs it (an effect whose inline attempt met a 429 is retried).
  const worker = platform.deps.storage.outbox.startWorker({
    handlers: platform.deps.effectHandlers,
    pollIntervalMs: 50,
  });
  try {
    await one(0, false);
    graph.reset();
    before = await tenantTotals(platform);
    for (let i = 1; i <= count; i++) {
      await new Promise((r) => setTimeout(r, paceMs));
      await one(i, true);
    }
  } finally {
    await worker.stop();
  }
  const after = await tenantTotals(platform);
  const f = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95) });
  const figures: ApprovalFigures = {
    approvals: count,
    invokeMs: f(invokeMs),
    nextCardMs: f(nextCardMs),
    filedMs: f(filedMs),
    graphCallsPerApproval: graph.total() / count,
    resourceUnitsPerApproval: (after.resourceUnits - before.resourceUnits) / count,
    tenantRequestsPerApproval: (after.requests - before.requests) / count,
  };
  const ms = (x: { p50: number; p95: number }) => `p50 ${x.p50.toFixed(0)}   p95 ${x.p95.toFixed(0)}`;
  console.log(`
Approvals (${count} × 教務主任 → 教頭 → 校長 on cards, one every ${paceMs / 1000} s; local Bot Connector and tenant, documented limits)
  invoke (click → answer card, ms)          ${ms(figures.invokeMs)}
  decision → next approver's card (ms)      ${ms(figures.nextCardMs)}
  決裁 → sealed PDF filed with 文書番号 (ms)  ${ms(figures.filedMs)}
  per approval (draft → filed)              ${figures.graphCallsPerApproval.toFixed(1)} Graph calls (${JSON.stringify(graph.snapshot())}), ${figures.resourceUnitsPerApproval.toFixed(1)} SharePoint RU, ${figures.tenantRequestsPerApproval.toFixed(1)} requests to the tenant (incl. Bot Connector)
`);
  return figures;
}
