/**
 * `npm run bench`: benchmarks on this machine, printing figures (no pass/fail).
 *
 * 1. Token-validated API throughput and latency on GET /api/me: the whole platform in this
 *    process (local tenant, Azurite, API), a seeded teacher's token from the local issuer, a
 *    closed loop of keep-alive connections. Every request runs the real guard: jose signature
 *    and claims check against the tenant's JWKS, principal resolution (Graph memberOf, cached).
 * 2. Graph calls and SharePoint resource units spent, read from the Graph call counter and the
 *    local tenant's /_emulator/stats.
 * 3. Outbox delivery (outbox.ts): side effects that each create a SharePoint list item, with the
 *    tenant healthy and failing 30% of calls: effects/s, Graph calls and RU per effect, retries.
 * 4. Records filing (records.ts): 500 documents through the API within 1,200 RU/min: documents
 *    per minute, RU and Graph calls per filed document, 429s.
 * 5. Approvals (approvals.ts): decisions on cards through the local Bot Connector: invoke and
 *    decision-to-next-card latency, 決裁 to filed, Graph calls and RU per approval.
 * 6. Sealing (sealing.ts): a 50-page PDF with 5 imprints and the 決裁証明 page: time, size growth,
 *    verification time.
 * 7. Surveys (surveys.ts): aggregation of 30,000 responses (pure and through GET …/results), and
 *    sustained guardian submissions per second through single-use links.
 */
import { cpus } from "node:os";
import { join } from "node:path";
import { runWithDevCa } from "@komu/local/dev/dev-ca-process";
import { REPO_ROOT, startPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { signIn } from "../support/sign-in.js";
import { benchApprovals } from "./approvals.js";
import { runLoad } from "./load.js";
import { benchMeetings } from "./meetings.js";
import { benchOutbox } from "./outbox.js";
import { benchRecords } from "./records.js";
import { benchSealing } from "./sealing.js";
import { benchSurveys } from "./surveys.js";

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** `BENCH_ONLY=surveys,records` runs only those parts (me, outbox, records, approvals, sealing, surveys). */
const ONLY = new Set((process.env.BENCH_ONLY ?? "").split(",").filter(Boolean));
const runs = (part: string) => ONLY.size === 0 || ONLY.has(part);

async function main(): Promise<void> {
  if (!(await runWithDevCa(join(REPO_ROOT, ".data", "dev-ca")))) return;
  const platform = await startPlatform({ port: 0, m365Port: 0, quiet: true, jobs: false, throttle: "documented" });
  try {
    // The seeded schools' records libraries are provisioned in the background: let that finish so
    // its Graph calls are not counted as the first request's.
    await platform.recordsReady;
    await platform.rosterReady;
    if (runs("me")) await benchMe(platform);
    if (runs("outbox")) await benchOutbox(platform);
    if (runs("records")) await benchRecords(platform, Number(process.env.BENCH_RECORDS ?? 500));
    if (runs("approvals")) await benchApprovals(platform, Number(process.env.BENCH_APPROVALS ?? 20));
    if (runs("sealing")) await benchSealing();
    if (runs("surveys")) await benchSurveys(platform, Number(process.env.BENCH_SURVEY_RESPONSES ?? 30_000));
    if (runs("meetings")) await benchMeetings(platform);
  } finally {
    await platform.stop();
  }
}

async function benchMe(platform: Awaited<ReturnType<typeof startPlatform>>): Promise<void> {
  const token = await signIn(platform, KNOWN_USERS.aobaVicePrincipal.upn);
  const url = `${platform.url}/api/me`;
  const headers = { authorization: `Bearer ${token}` };
  const graph = platform.deps.graph.calls;

  // Cold: the first request resolves the principal through Graph.
  graph.reset();
  const first = await fetch(url, { headers });
  if (first.status !== 200) throw new Error(`/api/me answered ${first.status}: ${await first.text()}`);
  const coldCalls = graph.total();

  await runLoad({ url, headers, connections: CONNECTIONS, durationMs: 2_000 }); // warm-up
  graph.reset();
  const r = await runLoad({ url, headers, connections: CONNECTIONS, durationMs: DURATION_MS });
  const stats = (await (await fetch(`${platform.tenant.origin}/_emulator/stats`)).json()) as {
    totals?: { requests: number; resourceUnits: number; throttled: number };
  };

  const f = (n: number) => n.toFixed(1);
  console.log(`
Kōmu benchmarks — ${new Date().toISOString()}
machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}; client and server share the cores

GET /api/me (token validated with jose against the JWKS, principal from Graph memberOf with a 5-minute cache)
  connections ${CONNECTIONS}, ${f(r.seconds)} s
  throughput      ${f(r.rps)} req/s (${r.requests} requests, ${r.errors} errors, statuses ${JSON.stringify(r.statuses)})
  latency (ms)    p50 ${f(r.latencyMs.p50)}   p95 ${f(r.latencyMs.p95)}   p99 ${f(r.latencyMs.p99)}   max ${f(r.latencyMs.max)}   mean ${f(r.latencyMs.mean)}
  Graph calls     first request (cold principal): ${coldCalls}; during the run: ${graph.total()} (${JSON.stringify(graph.snapshot())})
  local tenant    ${JSON.stringify(stats.totals ?? {})} (all requests since start, incl. token grants)
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
