import { decide, type KomuError } from "@komu/shared";
import { people, submitted } from "@komu/shared/approvals/testing";
import { approvalCardDefinition } from "@komu/shared/cards/index";
import { describe, expect, it } from "vitest";
import { renderCard } from "../../bot/cards/render.js";
import { alreadyDecidedNotice, approvalCardData } from "./card-view.js";
import { cardsPayloadOf } from "./publish.js";

// biome-ignore lint/suspicious/noExplicitAny: card JSON is inspected loosely
type Json = any;
const verbs = (card: Json): string[] =>
  (card.actions ?? []).flatMap((a: Json) => (a.verb ? [a.verb] : (a.card?.actions ?? []).map((x: Json) => x.verb)));

const T = (m: number) => new Date(Date.parse("2026-11-25T00:00:00.000Z") + m * 60_000).toISOString();

describe("approval card views", () => {
  it("whose turn: 承認 / 差し戻し / 却下 with the step token; others: status only", () => {
    const a = submitted();
    const mine = renderCard(
      approvalCardDefinition,
      approvalCardData(a, { oid: people.head.oid, teamsId: "29:head" }),
    ) as Json;
    expect(verbs(mine)).toEqual(["approval.approve", "approval.return", "approval.reject"]);
    expect(mine.actions[0].data).toEqual({ approvalId: "a1", schoolId: "aoba-e", stepToken: a.route[0]?.token });
    expect(mine.refresh.userIds).toEqual(["29:head"]);
    const other = renderCard(approvalCardDefinition, approvalCardData(a, { oid: people.principal.oid })) as Json;
    expect(verbs(other)).toEqual([]);
    expect(other.refresh.userIds).toEqual([]);
    expect(JSON.stringify(other)).toContain("回付中：教務主任（桜井 聡）");
  });

  it("the deputy gets 代決 at the final stage; the route shows who decided", () => {
    let a = submitted();
    a = decide(a, { type: "approve", stepToken: a.route[0]?.token ?? "" }, people.head, T(1)).approval;
    a = decide(a, { type: "approve", stepToken: a.route[1]?.token ?? "" }, people.vp, T(2)).approval;
    const vp = renderCard(approvalCardDefinition, approvalCardData(a, { oid: people.vp.oid })) as Json;
    expect(verbs(vp)).toEqual(["approval.delegate"]);
    const text = JSON.stringify(vp);
    expect(text).toContain("承認 2026年11月25日 09:01");
    const choices = approvalCardData(a, { oid: people.principal.oid }).returnChoices.map((c) => c.value);
    expect(choices).toEqual(["drafter", "head-teacher", "vice-principal"]);
  });

  it("after a 代決 the absent approver's card offers 後閲しました, until it is recorded", () => {
    let a = submitted();
    a = decide(a, { type: "approve", stepToken: a.route[0]?.token ?? "" }, people.head, T(1)).approval;
    a = decide(a, { type: "approve", stepToken: a.route[1]?.token ?? "" }, people.vp, T(2)).approval;
    a = decide(a, { type: "delegate", stepToken: a.route[2]?.token ?? "" }, people.vp, T(3)).approval;
    const principal = renderCard(approvalCardDefinition, approvalCardData(a, { oid: people.principal.oid })) as Json;
    expect(verbs(principal)).toEqual(["approval.review"]);
    expect(principal.actions[0].data).toEqual({ approvalId: "a1", schoolId: "aoba-e", stageId: "principal" });
    expect(JSON.stringify(principal)).toContain("松尾 俊介（代決 小島 智子）");
    a = decide(a, { type: "review", stageId: "principal" }, people.principal, T(4)).approval;
    expect(verbs(renderCard(approvalCardDefinition, approvalCardData(a, { oid: people.principal.oid })))).toEqual([]);
  });

  it("the drafter's card offers 引戻し until the first decision", () => {
    let a = submitted();
    const drafterCard = () =>
      verbs(renderCard(approvalCardDefinition, approvalCardData(a, { oid: people.drafter.oid })) as Json);
    expect(drafterCard()).toEqual(["approval.withdraw"]);
    a = decide(a, { type: "approve", stepToken: a.route[0]?.token ?? "" }, people.head, T(1)).approval;
    expect(drafterCard()).toEqual([]);
  });

  it("a late click's notice names who decided and when (JST)", () => {
    let a = submitted();
    const t = a.route[0]?.token ?? "";
    a = decide(a, { type: "approve", stepToken: t }, people.head, T(5)).approval;
    try {
      decide(a, { type: "approve", stepToken: t }, people.head, T(6));
      expect.unreachable();
    } catch (e) {
      expect(alreadyDecidedNotice((e as KomuError).details)).toBe(
        "この段階はすでに決定済みです：桜井 聡 さんが 2026年11月25日 09:05 に承認。",
      );
    }
  });

  it("publishing: the next approvers get fresh cards; the drafter gets notices", () => {
    const first = submitted();
    const at = (approval: typeof first, events: Parameters<typeof cardsPayloadOf>[0]["transition"]["events"]) =>
      cardsPayloadOf({ transition: { approval, events }, actor: people.head, via: "tab" });
    const r = decide(
      first,
      { type: "return", stepToken: first.route[0]?.token ?? "", comment: "修正を" },
      people.head,
      T(1),
    );
    expect(at(r.approval, r.events)?.notices).toEqual([
      { oid: people.drafter.oid, kind: "returned", key: expect.stringContaining("returned") },
    ]);
    const ok = decide(first, { type: "approve", stepToken: first.route[0]?.token ?? "" }, people.head, T(1));
    expect(at(ok.approval, ok.events)?.notify).toEqual([people.vp.oid]);
    expect(at(first, [{ type: "viewed", stageId: "head-teacher" }])).toBeNull();
  });
});
