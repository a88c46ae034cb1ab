/**
 * Approvals in Teams through the local tenant's Bot Connector and Teams client invokes: the first
 * approver gets a card with buttons, decides on it, the next approver's card arrives, a repeated
 * click says who decided and when, an out-of-turn or off-route click is refused (and audited), a
 * 差し戻し needs its comment and brings the drafter a notice, earlier cards are updated for their
 * owners (up-to-date card pattern), and a refresh records the view.
 */
import { plainPdf } from "@komu/functions/approvals/pdf/testing";
import { pdfPageTexts } from "@komu/functions/approvals/pdf/text-items";
import { approvalsRemindersJob } from "@komu/functions/approvals/reminders/job";
import { sweepReminders } from "@komu/functions/approvals/reminders/sweep-reminders";
import type { RunningPlatform } from "@komu/local/platform";
import { openPersonalChat } from "@komu/local/tenant/bot/deliver";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardMessages, cardText, click, executeActions, invokeOn, waitForCard } from "../support/approval-cards.js";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = any;
const SCHOOL = "aoba-e";
const U = {
  teacher: KNOWN_USERS.aobaTeacher,
  head: KNOWN_USERS.aobaHeadTeacher,
  vp: KNOWN_USERS.aobaVicePrincipal,
  principal: KNOWN_USERS.aobaPrincipal,
  nurse: KNOWN_USERS.aobaNurse,
};
let platform: RunningPlatform;
let teacherToken: string;

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
  await platform.recordsReady;
  teacherToken = await signIn(platform, U.teacher.upn);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Json> {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${teacherToken}`,
      ...(body === undefined || body instanceof Uint8Array ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: body instanceof Uint8Array ? Buffer.from(body) : JSON.stringify(body) }),
  });
  const json = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function submitGeneral(title: string): Promise<Json> {
  const up = await api("POST", `/api/schools/${SCHOOL}/records/uploads`, await plainPdf(), {
    "content-type": "application/pdf",
    "x-komu-file-name": encodeURIComponent("起案.pdf"),
  });
  const draft = await api("POST", `/api/schools/${SCHOOL}/approvals`, {
    templateId: "general",
    title,
    categoryCode: "C-04",
    mainUploadId: up.uploadId,
  });
  const sent = await api("POST", `/api/schools/${SCHOOL}/approvals/${draft.approval.id}/submit`, undefined, {
    "if-match": draft.etag,
  });
  return sent.approval;
}

const isCardFor = (title: string, verb?: string) => (m: { card: Json }) =>
  cardText(m.card).includes(title) && (verb === undefined || executeActions(m.card).some((a) => a.verb === verb));

describe("approval cards in Teams", () => {
  it("decide on cards: buttons for whose turn, the next card, late and refused clicks, 差し戻し notice, updated cards", async () => {
    const title = "カード決裁の確認";
    const approval = await submitGeneral(title);

    const headCard = await waitForCard(platform, U.head.id, isCardFor(title, "approval.approve"));
    expect(cardText(headCard.card)).toContain("回付中：教務主任（桜井 聡）");
    // 「文書を開く」 opens the approval in the tab (locally its own URL; a Teams deep link in a tenant).
    const open = (headCard.card.actions as Json[]).find((a) => a.type === "Action.OpenUrl");
    expect(open?.title).toBe("文書を開く");
    expect(open?.url).toBe(
      `${platform.url}/approvals?${new URLSearchParams({ school: SCHOOL, approval: approval.id })}`,
    );
    // The drafter got a status card whose only button is 引戻し (nobody has decided yet).
    const drafterCard = await waitForCard(platform, U.teacher.id, isCardFor(title));
    expect(executeActions(drafterCard.card).map((a) => a.verb)).toEqual(["approval.withdraw"]);

    // Off-route and out-of-turn clicks (forged on the user's welcome message) are refused and audited.
    for (const who of [U.nurse, U.principal]) await openPersonalChat(platform.tenant.ctx, who.id);
    const data = executeActions(headCard.card).find((a) => a.verb === "approval.approve").data;
    const nurseWelcome = cardMessages(platform, U.nurse.id)[0];
    const offRoute = await invokeOn(platform, U.nurse.id, nurseWelcome?.id ?? "", "approval.approve", data);
    expect(cardText(offRoute.card)).toContain("決裁ルートに含まれていない");
    expect(cardText(offRoute.card)).not.toContain(title);
    const principalWelcome = cardMessages(platform, U.principal.id)[0];
    const early = await invokeOn(platform, U.principal.id, principalWelcome?.id ?? "", "approval.approve", data);
    expect(cardText(early.card)).toContain("まだあなたの順番ではありません");
    expect(executeActions(early.card)).toEqual([]);

    // The 教務主任 approves on the card; a second click says who decided and when.
    const t0 = Date.now();
    const approved = await click(platform, U.head.id, headCard, "approval.approve");
    expect(approved.status).toBe(200);
    expect(executeActions(approved.card)).toEqual([]);
    expect(cardText(approved.card)).toContain("回付中：教頭（小島 智子）");
    const again = await click(platform, U.head.id, headCard, "approval.approve");
    expect(cardText(again.card)).toMatch(
      /この段階はすでに決定済みです：桜井 聡 さんが \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} に承認/,
    );

    const vpCard = await waitForCard(platform, U.vp.id, isCardFor(title, "approval.approve"));
    const latencyMs = Date.now() - t0;
    expect(latencyMs).toBeLessThan(10_000);

    // A refresh (automatic) records the view once.
    const viewed = await click(platform, U.vp.id, vpCard, "approval.view", {}, "automatic");
    expect(viewed.status).toBe(200);
    expect(executeActions(viewed.card).map((a) => a.verb)).toContain("approval.approve");

    // 差し戻し without a comment is refused on the card; with one it goes back to the drafter.
    const noComment = await click(platform, U.vp.id, vpCard, "approval.return", {
      returnTo: "drafter",
      returnComment: "",
    });
    expect(cardText(noComment.card)).toContain("理由（コメント）が必要です");
    const returned = await click(platform, U.vp.id, vpCard, "approval.return", {
      returnTo: "drafter",
      returnComment: "日程を確認してください",
    });
    expect(cardText(returned.card)).toContain("差し戻し");
    await waitForCard(platform, U.teacher.id, (m) => cardText(m.card).includes("差し戻されました"));

    // Earlier cards were updated for their owners (the 教務主任's card now shows the 差し戻し).
    await waitForCard(platform, U.head.id, (m) => m.id === headCard.id && cardText(m.card).includes("差し戻し"));

    const audit = await platform.deps.storage.audit.list(SCHOOL, { limit: 500 });
    const mine = audit.items.map((e) => e.event).filter((e) => e.target.id === approval.id);
    expect(
      mine
        .filter((e) => e.kind === "approval.refused")
        .map((e) => (e.data as Json).code)
        .sort(),
    ).toEqual(["APPROVAL_NOT_ON_ROUTE", "APPROVAL_OUT_OF_TURN"]);
    expect(mine.filter((e) => e.kind === "approval.viewed")).toHaveLength(1);
    expect(mine.find((e) => e.kind === "approval.decided")?.data).toMatchObject({ via: "card", decision: "approve" });
    expect(mine.find((e) => e.kind === "approval.returned")?.data).toMatchObject({ via: "card", to: "drafter" });
  }, 60_000);
});

describe("引戻し on the drafter's card", () => {
  it("pulls the approval back; the approver's card loses its buttons", async () => {
    const title = "カードで引戻し";
    const approval = await submitGeneral(title);
    const mine = await waitForCard(platform, U.teacher.id, isCardFor(title, "approval.withdraw"));
    const headCard = await waitForCard(platform, U.head.id, isCardFor(title, "approval.approve"));
    const res = await click(platform, U.teacher.id, mine, "approval.withdraw");
    expect(cardText(res.card)).toContain("引き戻しました");
    expect(executeActions(res.card)).toEqual([]);
    const detail = await api("GET", `/api/schools/${SCHOOL}/approvals/${approval.id}`);
    expect(detail.approval.status).toBe("withdrawn");
    await waitForCard(
      platform,
      U.head.id,
      (m) => m.id === headCard.id && cardText(m.card).includes("引戻し") && executeActions(m.card).length === 0,
    );
    const late = await click(platform, U.head.id, headCard, "approval.approve");
    expect(cardText(late.card)).toContain("決裁の手続き中ではありません");
  }, 60_000);
});

describe("決裁 on cards → sealed PDF in the records library", () => {
  it("the 教頭 and the 校長 approve on cards; the sealed PDF is filed with its 文書番号, both surnames and the certificate", async () => {
    const title = "運動会の実施について（決裁）";
    const approval = await submitGeneral(title);
    for (const who of [U.head, U.vp, U.principal]) {
      const card = await waitForCard(platform, who.id, isCardFor(title, "approval.approve"));
      const res = await click(platform, who.id, card, "approval.approve");
      expect(res.status).toBe(200);
    }
    const start = Date.now();
    let detail: Json;
    for (;;) {
      detail = await api("GET", `/api/schools/${SCHOOL}/approvals/${approval.id}`);
      if (["filed", "failed"].includes(detail.approval.filing.status) || Date.now() - start > 30_000) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(detail.approval.status).toBe("approved");
    expect(detail.approval.filing).toMatchObject({ status: "filed", number: expect.stringMatching(/第\d+号$/) });
    const recordId = detail.approval.filing.recordId;
    const record = await api("GET", `/api/schools/${SCHOOL}/records/${recordId}`);
    expect(record).toMatchObject({
      title,
      related: { kind: "approval", id: approval.id },
      number: { register: "dispatch", text: detail.approval.filing.number },
      categoryCode: "C-04",
    });
    const res = await fetch(`${platform.url}/api/schools/${SCHOOL}/records/${recordId}/content`, {
      headers: { authorization: `Bearer ${teacherToken}` },
    });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const pages = await pdfPageTexts(bytes);
    const all = pages.join("\n").replace(/\s+/g, "");
    for (const surname of ["桜井", "小島", "松尾"]) expect(all).toContain(surname);
    expect(all).toContain("決裁証明");
    expect(all).toContain(detail.approval.filing.verificationCode.replace(/\s+/g, ""));
    expect(pages.length).toBe(2); // the 1-page original + the certificate page
    // The approval's own content is now the sealed PDF (the original on request).
    const sealedRes = await fetch(`${platform.url}/api/schools/${SCHOOL}/approvals/${approval.id}/content`, {
      headers: { authorization: `Bearer ${teacherToken}` },
    });
    expect(sealedRes.headers.get("x-komu-sealed")).toBe("1");
    expect(new Uint8Array(await sealedRes.arrayBuffer())).toEqual(bytes);
    const originalRes = await fetch(
      `${platform.url}/api/schools/${SCHOOL}/approvals/${approval.id}/content?original=1`,
      {
        headers: { authorization: `Bearer ${teacherToken}` },
      },
    );
    expect(originalRes.headers.get("x-komu-sealed")).toBe("0");
    expect(await pdfPageTexts(new Uint8Array(await originalRes.arrayBuffer()))).toHaveLength(1);

    const audit = await platform.deps.storage.audit.list(SCHOOL, { limit: 1000 });
    const kinds = audit.items.filter((e) => e.event.target.id === approval.id).map((e) => e.event.kind);
    expect(kinds).toEqual(expect.arrayContaining(["approval.sealed", "approval.filed"]));
    // The drafter was told, and the drafter's card shows the number.
    await waitForCard(
      platform,
      U.teacher.id,
      (m) => cardText(m.card).includes("決裁されました") && cardText(m.card).includes(title),
    );
    await waitForCard(platform, U.teacher.id, (m) => cardText(m.card).includes(detail.approval.filing.number));
  }, 90_000);
});

describe("reminders and expiry (approvals-reminders job)", () => {
  it("reminds after 3 days, again after 2 more, at most three times, then expires after 60 days and tells the drafter", async () => {
    const title = "督促と期限の確認";
    const approval = await submitGeneral(title);
    const approvals = platform.deps.approvals;
    if (!approvals) throw new Error("approvals not wired");
    const day = 24 * 3600_000;
    const base = Date.parse(approval.submittedAt);
    const sweep = (days: number) => sweepReminders(approvals, [SCHOOL], new Date(base + days * day + 60_000));

    expect((await sweep(2)).reminded).toBe(0);
    expect((await sweep(3)).reminded).toBe(1);
    expect((await sweep(3)).reminded).toBe(0); // not again before repeatEveryDays
    await waitForCard(
      platform,
      U.head.id,
      (m) => cardText(m.card).includes("決裁のお願い（再通知）") && cardText(m.card).includes(title),
    );
    expect((await sweep(5)).reminded).toBe(1);
    expect((await sweep(7)).reminded).toBe(1);
    expect((await sweep(20)).reminded).toBe(0); // the template's cap (3)
    const expired = await sweep(60);
    expect(expired.expired).toBe(1);
    const detail = await api("GET", `/api/schools/${SCHOOL}/approvals/${approval.id}`);
    expect(detail.approval.status).toBe("expired");
    expect(detail.approval.history.filter((h: Json) => h.action === "reminded")).toHaveLength(3);
    await waitForCard(platform, U.teacher.id, (m) => cardText(m.card).includes("期限切れになりました"));
    expect(approvalsRemindersJob.schedule).toBe("0 23 * * * *");
  }, 60_000);
});

describe("fifty concurrent approve invokes on one card", () => {
  it("make one transition: one answer moves the route on, the others say it was already decided", async () => {
    const title = "同時クリックの確認";
    const approval = await submitGeneral(title);
    const headCard = await waitForCard(platform, U.head.id, isCardFor(title, "approval.approve"));

    const answers = await Promise.all(
      Array.from({ length: 50 }, () => click(platform, U.head.id, headCard, "approval.approve")),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses, JSON.stringify(answers.filter((a) => a.status !== 200).slice(0, 2))).toEqual(Array(50).fill(200));
    // Every answer shows the route moved on to the 教頭; all but the one that decided also say who
    // had already decided and when.
    expect(answers.every((a) => cardText(a.card).includes("回付中：教頭（小島 智子）"))).toBe(true);
    const late = answers.filter((a) => cardText(a.card).includes("この段階はすでに決定済みです"));
    expect(late).toHaveLength(49);

    // One transition: one 承認 in the history and in the audit chain; the 教頭 gets one card.
    const detail = await api("GET", `/api/schools/${SCHOOL}/approvals/${approval.id}`);
    expect(detail.approval.history.filter((h: Json) => h.action === "approved")).toHaveLength(1);
    const audit = await platform.deps.storage.audit.list(SCHOOL, { limit: 1000 });
    expect(
      audit.items.filter((e) => e.event.kind === "approval.decided" && e.event.target.id === approval.id),
    ).toHaveLength(1);
    await waitForCard(platform, U.vp.id, isCardFor(title, "approval.approve"));
    await new Promise((r) => setTimeout(r, 500));
    expect(cardMessages(platform, U.vp.id).filter(isCardFor(title))).toHaveLength(1);
  }, 60_000);
});
