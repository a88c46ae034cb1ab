/**
 * Records filing benchmark (issue 4): N documents filed through the public API exactly as the
 * tab does it (POST …/records/uploads with the bytes, then POST …/records with the metadata),
 * by the seeded clerk, against the local tenant enforcing the documented SharePoint budget of
 * 1,200 RU per minute. Kōmu's own RU limiter paces the Graph calls, so the figure to read is
 * documents per minute at zero 429s, and RU and Graph calls per filed document.
 */

import type { RunningPlatform } from "@komu/local/platform";
import { KOMU_CLIENT_ID } from "@komu/local/tenant/constants";
import type { TenantLimits } from "@komu/local/tenant/limits/index";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { fiscalYearOf } from "@komu/shared";
import { signIn } from "../support/sign-in.js";

const SCHOOL = "aoba-e";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Totals {
  requests: number;
  resourceUnits: number;
  throttled: number;
  errors: number;
}

async function tenantTotals(platform: RunningPlatform): Promise<Totals> {
  const body = (await (await fetch(`${platform.tenant.origin}/_emulator/stats`)).json()) as { totals: Totals };
  return body.totals;
}

/** A small, valid one-page PDF whose text differs per document (so every upload is distinct). */
export function tinyPdf(text: string): Uint8Array {
  const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, "")}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

async function api(
  platform: RunningPlatform,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body instanceof Uint8Array ? {} : body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined
      ? {}
      : { body: body instanceof Uint8Array ? new Blob([body as Uint8Array<ArrayBuffer>]) : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function fileOne(platform: RunningPlatform, token: string, i: number, fiscalYear: number): Promise<string> {
  const name = `ベンチ文書-${String(i).padStart(4, "0")}.pdf`;
  const up = await api(platform, token, "POST", `/api/schools/${SCHOOL}/records/uploads`, tinyPdf(`bench ${i}`), {
    "content-type": "application/pdf",
    "x-komu-file-name": encodeURIComponent(name),
  });
  if (up.status !== 201) throw new Error(`upload ${i}: ${up.status} ${JSON.stringify(up.json)}`);
  const filed = await api(platform, token, "POST", `/api/schools/${SCHOOL}/records`, {
    uploadId: up.json.uploadId,
    title: `ベンチ文書 ${i}`,
    fiscalYear,
    categoryCode: "G-03",
  });
  if (filed.status !== 201 && filed.status !== 202)
    throw new Error(`file ${i}: ${filed.status} ${JSON.stringify(filed.json)}`);
  return String(filed.json.id);
}

export async function benchRecords(platform: RunningPlatform, documents = 500, concurrency = 8): Promise<void> {
  const { graph, storage } = platform.deps;
  const limits = platform.tenant.ctx.limits as TenantLimits;
  const fiscalYear = fiscalYearOf(new Date());
  const token = await signIn(platform, KNOWN_USERS.aobaClerk.upn);
  await platform.recordsReady;

  // Let the previous benchmarks' spending leave the sliding minute, so this one starts clean.
  await sleep(61_000);
  graph.calls.reset();
  const before = await tenantTotals(platform);
  let peakMinute = 0;
  const sampler = setInterval(() => {
    peakMinute = Math.max(peakMinute, limits.sharePointBudget.usedThisMinute(KOMU_CLIENT_ID, Date.now()));
  }, 250);

  const started = performance.now();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < documents) {
        const i = next++;
        ids.push(await fileOne(platform, token, i, fiscalYear));
      }
    }),
  );
  const accepted = performance.now();
  // Wait until every record is filed (some may have been answered 202 and finished by the worker).
  for (;;) {
    const page = await api(
      platform,
      token,
      "GET",
      `/api/schools/${SCHOOL}/records?fiscalYear=${fiscalYear}&categoryCode=G-03&status=filing&limit=1`,
    );
    if (((page.json.items as unknown[] | undefined) ?? []).length === 0) break;
    await sleep(500);
  }
  const done = performance.now();
  clearInterval(sampler);
  const after = await tenantTotals(platform);

  const seconds = (done - started) / 1000;
  const ru = after.resourceUnits - before.resourceUnits;
  const calls = graph.calls.total();
  const filed = await storage.entities.list("record", SCHOOL, { where: { status: "filed" }, limit: 1000 });
  const f = (n: number, d = 1) => n.toFixed(d);
  console.log(`
Records filing (POST uploads + POST records per document, seeded clerk, ${concurrency} at a time, 1,200 RU/min enforced)
  documents       ${documents} accepted in ${f((accepted - started) / 1000)} s, all filed after ${f(seconds)} s
  throughput      ${f((documents / seconds) * 60)} documents/min over the run (the first minute's budget is spent at once); steady state ${f(1200 / (ru / documents))} documents/min = 1,200 RU / RU per document
  SharePoint RU   ${ru} total, ${f(ru / documents, 2)} per document; busiest sliding minute ${peakMinute} RU (budget 1,200)
  Graph calls     ${calls} total, ${f(calls / documents, 2)} per document (${JSON.stringify(graph.calls.snapshot())})
  throttled (429) ${after.throttled - before.throttled}; tenant errors ${after.errors - before.errors}
  filed records   ${filed.items.length} with status filed in the index (of ${ids.length} created)
`);
}
