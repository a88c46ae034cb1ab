/**
 * Who a Forms row is: staff and students by the row's email = their userPrincipalName or mail
 * (read for the recipients' oids with Graph JSON batching: `$batch` of 20
 * `/users/{id}?$select=id,userPrincipalName,mail`, app-only — directory reads, no SharePoint RU);
 * guardians by email (the roster's 連絡先メール) or else by name (「姓 名」 compared without any
 * spaces, full- or half-width, NFKC). A guardian with several children has one recipient per
 * child and Forms cannot say which child a row is about: the first child (roster order) without
 * an answer yet gets it (else the first). Anonymous Forms rows ("anonymous", no name) match nobody.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { graphFailure } from "../../graph/errors.js";
import type { SurveysDeps } from "../deps.js";
import type { SurveyRecipientRow } from "../entities.js";
import { guardianKey } from "../recipients.js";

export const normaliseName = (name: string) => name.normalize("NFKC").replace(/[\s\u3000]+/g, "");
const normaliseEmail = (email: string) => email.normalize("NFKC").trim().toLowerCase();

export interface Matcher {
  /** The recipient key for a row's email and name, or undefined. */
  match(email: string, name: string): string | undefined;
}

async function addressesOf(client: Client, oids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < oids.length; i += 20) {
    const chunk = oids.slice(i, i + 20);
    let body: {
      responses?: { id: string; status: number; body?: { userPrincipalName?: string; mail?: string | null } }[];
    };
    try {
      body = await client.api("/$batch").post({
        requests: chunk.map((oid, n) => ({
          id: String(n),
          method: "GET",
          url: `/users/${encodeURIComponent(oid)}?$select=id,userPrincipalName,mail`,
        })),
      });
    } catch (e) {
      throw graphFailure(e, "surveys.forms.users");
    }
    for (const r of body.responses ?? []) {
      const oid = chunk[Number(r.id)];
      if (!oid || r.status !== 200 || !r.body) continue;
      out.set(
        oid,
        [r.body.userPrincipalName, r.body.mail].filter((x): x is string => typeof x === "string" && x !== ""),
      );
    }
  }
  return out;
}

export async function buildMatcher(
  deps: Pick<SurveysDeps, "graph" | "roster">,
  schoolId: string,
  recipients: readonly SurveyRecipientRow[],
): Promise<Matcher> {
  const byEmail = new Map<string, SurveyRecipientRow[]>();
  const byName = new Map<string, SurveyRecipientRow[]>();
  const add = (map: Map<string, SurveyRecipientRow[]>, k: string, r: SurveyRecipientRow) => {
    if (!k) return;
    const list = map.get(k) ?? [];
    if (!list.includes(r)) list.push(r);
    map.set(k, list);
  };
  const people = recipients.filter((r) => r.oid);
  if (people.length > 0) {
    const addresses = await addressesOf(
      deps.graph.app,
      people.map((r) => r.oid as string),
    );
    for (const r of people) for (const a of addresses.get(r.oid as string) ?? []) add(byEmail, normaliseEmail(a), r);
  }
  const guardians = recipients.filter((r) => r.kind === "guardian");
  if (guardians.length > 0) {
    const roster = deps.roster ? await deps.roster.guardians(schoolId) : [];
    const emailOf = new Map(roster.map((g) => [guardianKey(g.guardianNumber, g.studentNumber), g.email]));
    for (const r of guardians) {
      add(byEmail, normaliseEmail(emailOf.get(r.key) ?? ""), r);
      add(byName, normaliseName(r.name), r);
    }
  }
  const taken = new Set<string>();
  const pick = (list: SurveyRecipientRow[] | undefined) => {
    if (!list || list.length === 0) return undefined;
    const open = list.find((r) => r.submittedAt === null && !taken.has(r.key)) ?? list[0];
    if (open) taken.add(open.key);
    return open?.key;
  };
  return {
    match(email, name) {
      const e = normaliseEmail(email);
      const byMail = e && e !== "anonymous" ? byEmail.get(e) : undefined;
      if (byMail?.length) return pick(byMail);
      const n = normaliseName(name);
      return n ? pick(byName.get(n)) : undefined;
    },
  };
}
