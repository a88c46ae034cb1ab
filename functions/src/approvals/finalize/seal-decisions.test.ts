import { decide } from "@komu/shared";
import { people, submitted } from "@komu/shared/approvals/testing";
import { describe, expect, it } from "vitest";
import { sealDecisionsOf, sealersOf, surnameOf } from "./seal-decisions.js";

const T = (m: number) => new Date(Date.parse("2026-11-25T00:00:00.000Z") + m * 60_000).toISOString();

describe("what goes on the sealed PDF", () => {
  it("each approval in route order; a 代決 is the deputy's imprint for the absent approver's cell", () => {
    let a = submitted();
    a = decide(
      a,
      { type: "approve", stepToken: a.route[0]?.token ?? "", comment: "確認しました" },
      people.head,
      T(1),
    ).approval;
    a = decide(a, { type: "approve", stepToken: a.route[1]?.token ?? "" }, people.vp, T(2)).approval;
    a = decide(a, { type: "delegate", stepToken: a.route[2]?.token ?? "" }, people.vp, T(3)).approval;
    expect(sealDecisionsOf(a)).toEqual([
      {
        stageLabel: "教務主任",
        role: "教務主任",
        name: "桜井 聡",
        surname: "桜井",
        decision: "approved",
        decidedAt: T(1),
        comment: "確認しました",
      },
      { stageLabel: "教頭", role: "教頭", name: "小島 智子", surname: "小島", decision: "approved", decidedAt: T(2) },
      {
        stageLabel: "校長",
        role: "教頭",
        name: "小島 智子",
        surname: "小島",
        decision: "delegated",
        decidedAt: T(3),
        deputyFor: "松尾 俊介",
        deputyForRole: "校長",
      },
    ]);
    expect(sealersOf(a).map((p) => p.oid)).toEqual([people.drafter.oid, people.head.oid, people.vp.oid]);
    expect(surnameOf("松尾　俊介")).toBe("松尾");
  });
});
