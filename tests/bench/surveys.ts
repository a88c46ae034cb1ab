/**
 * Surveys benchmark (issue 7).
 *  1. Aggregation of 30,000 responses: the pure aggregate (shared `aggregateResponses`, per
 *     question counts, statistics, cross-tabulation by class with the 5-answer rule, free texts)
 *     over responses held in memory, and the whole GET …/results on the local platform (the
 *     survey's response rows listed from Azure Tables (Azurite) and aggregated).
 *  2. Sustained submissions: guardians answering through their own links (the public page's JSON
 *     API: the first GET claims the link and sets the device cookie, then a PUT submits), many at
 *     once, for a fixed time: submissions per second and latency. Every submission is the real
 *     path: token MAC, recipient row, answer check, one Table transaction (recipient + response).
 */

import { surveyResponseEntity } from "@komu/functions/surveys/entities";
import { signLinkToken } from "@komu/functions/surveys/guardians/link-token";
import { writeRecipients } from "@komu/functions/surveys/open/write-recipients";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import {
  type Answers,
  aggregateResponses,
  type ResponseForResults,
  SurveyDefinition,
  type SurveyView,
  surveyTemplate,
} from "@komu/shared";
import { signIn } from "../support/sign-in.js";
import { api } from "./api.js";
import { percentile } from "./load.js";

const SCHOOL = "aoba-e";

/** A school-evaluation survey to the school's guardians, opened (real recipients from the roster). */
async function openedSurvey(platform: RunningPlatform, token: string, title: string): Promise<SurveyView> {
  const t = surveyTemplate("schoolEvaluation");
  const definition = SurveyDefinition.parse({
    ...t,
    title,
    anonymous: false,
    audience: { kind: "guardians", groups: [] },
    deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  const { body: draft } = await api<SurveyView>(platform, token, "POST", `/api/schools/${SCHOOL}/surveys`, definition);
  const { body: opened } = await api<SurveyView>(
    platform,
    token,
    "POST",
    `/api/schools/${SCHOOL}/surveys/${draft.id}/open`,
    undefined,
    draft.etag,
  );
  return opened;
}

/** Random but plausible answers to the school-evaluation template (ratings 1..4, some free text). */
function answersFor(i: number): Answers {
  const r = (k: number) => 1 + ((i * 7 + k * 13 + (i >> 3)) % 4);
  const answers: Answers = { q1: r(1), q2: r(2), q3: r(3), q4: r(4) };
  if (i % 5 === 0) answers.q5 = `意見 ${i}: 行事の連絡をもう少し早くしてほしいです。`;
  return answers;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function benchSurveys(platform: RunningPlatform, responses = 30_000): Promise<void> {
  const token = await signIn(platform, KNOWN_USERS.aobaHeadTeacher.upn);
  const f = (n: number) => n.toFixed(1);

  // 1. Sustained submissions (first: Azurite slows down as its table grows; see the note printed) through guardians' links
  const CONNECTIONS = Number(process.env.BENCH_SURVEY_CONNECTIONS ?? 16);
  const DURATION_MS = Number(process.env.BENCH_SURVEY_DURATION_MS ?? 15_000);
  const RECIPIENTS = Number(process.env.BENCH_SURVEY_RECIPIENTS ?? 4_000);
  const linkSurvey = await openedSurvey(platform, token, "学校評価（ベンチマーク・送信）");
  const surveysDeps = platform.deps.surveys;
  if (!surveysDeps) throw new Error("the platform runs without the surveys module");
  await writeRecipients(
    surveysDeps,
    SCHOOL,
    linkSurvey.id,
    Array.from({ length: RECIPIENTS }, (_, i) => ({
      key: `g-B${i}-${i}`,
      kind: "guardian" as const,
      oid: null,
      name: `保護者 ${i}`,
      childName: `児童 ${i}`,
      relationship: "母",
      studentNumber: String(i),
      grade: 1 + (i % 6),
      class: 1 + ((i >> 1) % 2),
      number: 1 + (i % 30),
    })),
  );
  const linkKey = platform.config.surveys.linkKey;
  const expiry = Math.ceil(Date.parse(linkSurvey.deadline) / 1000);
  const submitLatencies: number[] = [];
  const claimLatencies: number[] = [];
  const statuses: Record<number, number> = {};
  let recipient = 0;
  const started = performance.now();
  const deadline = started + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline && recipient < RECIPIENTS) {
        const i = recipient++;
        const link = signLinkToken(linkKey, { s: SCHOOL, i: linkSurvey.id, k: `g-B${i}-${i}`, v: 0, e: expiry });
        const url = `${platform.url}/api/public/surveys/${link}`;
        const c0 = performance.now();
        const claim = await fetch(url);
        claimLatencies.push(performance.now() - c0);
        statuses[claim.status] = (statuses[claim.status] ?? 0) + 1;
        await claim.arrayBuffer();
        const cookie = (claim.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
        const s0 = performance.now();
        const put = await fetch(url, {
          method: "PUT",
          headers: { "content-type": "application/json", "x-komu-link": "1", cookie },
          body: JSON.stringify({ answers: answersFor(i), submit: true }),
        });
        submitLatencies.push(performance.now() - s0);
        statuses[put.status] = (statuses[put.status] ?? 0) + 1;
        await put.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { body: tracking } = await api<{ total: { answered: number; total: number } }>(
    platform,
    token,
    "GET",
    `/api/schools/${SCHOOL}/surveys/${linkSurvey.id}/tracking`,
  );
  // 2. Aggregation
  const survey = await openedSurvey(platform, token, "学校評価（ベンチマーク・集計）");
  const rows: ResponseForResults[] = [];
  for (let i = 0; i < responses; i++)
    rows.push({
      answers: answersFor(i),
      grade: 1 + (i % 6),
      class: 1 + ((i >> 1) % 2),
      respondentName: `保護者 ${i}`,
      submittedAt: new Date().toISOString(),
    });
  const pure: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    aggregateResponses(survey.questions, rows, { anonymous: false, byClass: true });
    pure.push(performance.now() - t0);
  }
  // Write the 30,000 response rows straight into Tables (100 per transaction, 4 at a time).
  const t0 = performance.now();
  const batches: number[][] = [];
  for (let i = 0; i < responses; i += 100)
    batches.push(Array.from({ length: Math.min(100, responses - i) }, (_, k) => i + k));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++] as number[];
        await platform.deps.storage.entities.transaction(
          SCHOOL,
          batch.map((i) => ({
            type: "create" as const,
            def: surveyResponseEntity,
            id: `${survey.id}.bench-${i}`,
            data: {
              surveyId: survey.id,
              answers: rows[i]?.answers ?? {},
              status: "submitted",
              grade: rows[i]?.grade ?? null,
              class: rows[i]?.class ?? null,
              recipientKey: `bench-${i}`,
              respondentName: `保護者 ${i}`,
              submittedAt: new Date().toISOString(),
              via: "link",
              formsRowId: null,
            },
          })),
        );
      }
    }),
  );
  const loadSeconds = (performance.now() - t0) / 1000;
  const endToEnd: number[] = [];
  let counted = 0;
  for (let run = 0; run < 3; run++) {
    const t1 = performance.now();
    const { body: results } = await api<{ responses: number }>(
      platform,
      token,
      "GET",
      `/api/schools/${SCHOOL}/surveys/${survey.id}/results`,
    );
    endToEnd.push(performance.now() - t1);
    counted = results.responses;
  }

  submitLatencies.sort((a, b) => a - b);
  claimLatencies.sort((a, b) => a - b);
  const submitted = tracking.total.answered;
  console.log(`
Surveys (issue 7)
  aggregation of ${responses.toLocaleString("en")} responses (5 questions: 4 ratings + free text, cross-tabulated by 12 classes)
    pure aggregate (shared aggregateResponses)      median ${f(median(pure))} ms of 5 runs (min ${f(Math.min(...pure))})
    GET …/results end to end (list rows from Azurite + aggregate)   median ${f(median(endToEnd))} ms of 3 (${counted} responses counted)
    (loading the rows into Tables took ${f(loadSeconds)} s, 100 per transaction)
  sustained guardian submissions through single-use links (${CONNECTIONS} concurrent phones, ${f(seconds)} s)
    submissions     ${submitted} recorded (tracking), ${f(submitted / seconds)} submissions/s (each: claim GET + submit PUT)
    submit PUT (ms) p50 ${f(percentile(submitLatencies, 50))}   p95 ${f(percentile(submitLatencies, 95))}   p99 ${f(percentile(submitLatencies, 99))}
    claim GET (ms)  p50 ${f(percentile(claimLatencies, 50))}   p95 ${f(percentile(claimLatencies, 95))}
    statuses        ${JSON.stringify(statuses)}
`);
}
