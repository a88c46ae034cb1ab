import { describe, expect, it } from "vitest";
import { KomuError } from "../errors.js";
import { defaultRouteTemplates } from "./defaults.js";
import { decide, expiryDue, reminderDue, submit, turnOf } from "./machine.js";
import { AddedStage, applyRouteEdits, RouteTemplate, RouteTemplateInput } from "./route.js";
import { type Approval, activeStage, waitingOn } from "./state.js";
import { consultationRoute, draftApproval, generalRoute, people, submitted, T0 } from "./testing.js";

const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const token = (a: Approval) => activeStage(a)?.token ?? "none";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof KomuError) return e.code;
    throw e;
  }
  return undefined;
}

describe("submit", () => {
  it("activates the first stage with a token and notifies its people", () => {
    const { approval, events } = submit(draftApproval(), generalRoute(), people.drafter, T0);
    expect(approval.status).toBe("inRoute");
    expect(approval.round).toBe(1);
    expect(activeStage(approval)?.id).toBe("head-teacher");
    expect(waitingOn(approval).map((a) => a.oid)).toEqual([people.head.oid]);
    expect(waitingOn(approval)[0]?.notifiedAt).toBe(T0);
    expect(events.map((e) => e.type)).toEqual(["submitted", "stageActivated"]);
  });

  it("refuses someone else, a missing PDF, an empty stage and a second submission", () => {
    expect(codeOf(() => submit(draftApproval(), generalRoute(), people.head, T0))).toBe("FORBIDDEN");
    expect(codeOf(() => submit(draftApproval({ main: null }), generalRoute(), people.drafter, T0))).toBe(
      "APPROVAL_MAIN_DOCUMENT_REQUIRED",
    );
    const empty = generalRoute().map((s) => (s.id === "vice-principal" ? { ...s, people: [] } : s));
    expect(codeOf(() => submit(draftApproval(), empty, people.drafter, T0))).toBe("APPROVAL_STAGE_EMPTY");
    expect(codeOf(() => submit(submitted(), generalRoute(), people.drafter, T0))).toBe("APPROVAL_NOT_PENDING");
  });
});

describe("sequential approval", () => {
  it("passes 教務主任 → 教頭 → 校長 to 決裁, with new tokens per step", () => {
    let a = submitted();
    const tokens = new Set<string>();
    for (const [i, who] of [people.head, people.vp, people.principal].entries()) {
      tokens.add(token(a));
      const r = decide(a, { type: "approve", stepToken: token(a) }, who, at(i + 1));
      a = r.approval;
      expect(r.events[0]).toMatchObject({ type: "decided", decision: "approve", actor: who });
    }
    expect(tokens.size).toBe(3);
    expect(a.status).toBe("approved");
    expect(a.completedAt).toBe(at(3));
    expect(a.route.every((s) => s.status === "passed")).toBe(true);
    expect(a.history.map((h) => h.action)).toEqual(["submitted", "approved", "approved", "approved"]);
  });

  it("a double tap (same token) is APPROVAL_ALREADY_DECIDED naming who decided, and changes nothing", () => {
    const a = submitted();
    const t = token(a);
    const once = decide(a, { type: "approve", stepToken: t }, people.head, at(1)).approval;
    let error: KomuError | undefined;
    try {
      decide(once, { type: "approve", stepToken: t }, people.head, at(2));
    } catch (e) {
      error = e as KomuError;
    }
    expect(error?.code).toBe("APPROVAL_ALREADY_DECIDED");
    expect(error?.details).toMatchObject({ stageId: "head-teacher", decisions: [{ name: "桜井 聡", at: at(1) }] });
  });

  it("out of turn, not on the route, and a stale token from a later stage are refused", () => {
    const a = submitted();
    expect(codeOf(() => decide(a, { type: "approve", stepToken: token(a) }, people.principal, at(1)))).toBe(
      "APPROVAL_OUT_OF_TURN",
    );
    expect(codeOf(() => decide(a, { type: "approve", stepToken: token(a) }, people.outsider, at(1)))).toBe(
      "APPROVAL_NOT_ON_ROUTE",
    );
    expect(codeOf(() => decide(a, { type: "approve", stepToken: "9.9" }, people.head, at(1)))).toBe(
      "APPROVAL_ALREADY_DECIDED",
    );
  });

  it("return and reject need a comment; reject ends the approval", () => {
    const a = submitted();
    expect(codeOf(() => decide(a, { type: "reject", stepToken: token(a), comment: "  " }, people.head, at(1)))).toBe(
      "APPROVAL_COMMENT_REQUIRED",
    );
    expect(codeOf(() => decide(a, { type: "return", stepToken: token(a) }, people.head, at(1)))).toBe(
      "APPROVAL_COMMENT_REQUIRED",
    );
    const r = decide(a, { type: "reject", stepToken: token(a), comment: "不要" }, people.head, at(1));
    expect(r.approval.status).toBe("rejected");
    expect(r.events.map((e) => e.type)).toEqual(["decided", "rejected"]);
    expect(codeOf(() => decide(r.approval, { type: "approve", stepToken: token(a) }, people.vp, at(2)))).toBe(
      "APPROVAL_NOT_PENDING",
    );
  });
});

describe("差し戻し and resubmission", () => {
  it("returns to the drafter; the drafter resubmits (round 2) and the route starts again", () => {
    let a = submitted();
    a = decide(a, { type: "approve", stepToken: token(a) }, people.head, at(1)).approval;
    const r = decide(a, { type: "return", stepToken: token(a), comment: "日付を直してください" }, people.vp, at(2));
    expect(r.approval.status).toBe("returned");
    expect(r.events).toContainEqual({
      type: "returned",
      to: "drafter",
      actor: people.vp,
      comment: "日付を直してください",
    });
    const again = submit(r.approval, generalRoute(), people.drafter, at(3));
    expect(again.approval.round).toBe(2);
    expect(again.events[0]).toEqual({ type: "submitted", round: 2, resubmission: true });
    expect(activeStage(again.approval)?.id).toBe("head-teacher");
    expect(again.approval.route.flatMap((s) => s.assignees).every((x) => x.decision === null)).toBe(true);
    // The old token is dead.
    expect(codeOf(() => decide(again.approval, { type: "approve", stepToken: token(a) }, people.head, at(4)))).toBe(
      "APPROVAL_ALREADY_DECIDED",
    );
  });

  it("returns to an earlier step, which decides again; a later or unknown target is refused", () => {
    let a = submitted();
    a = decide(a, { type: "approve", stepToken: token(a) }, people.head, at(1)).approval;
    a = decide(a, { type: "approve", stepToken: token(a) }, people.vp, at(2)).approval;
    expect(
      codeOf(() =>
        decide(a, { type: "return", stepToken: token(a), comment: "x", to: "principal" }, people.principal, at(3)),
      ),
    ).toBe("APPROVAL_RETURN_TARGET_INVALID");
    const r = decide(
      a,
      { type: "return", stepToken: token(a), comment: "再確認を", to: "head-teacher" },
      people.principal,
      at(3),
    );
    expect(r.approval.status).toBe("inRoute");
    expect(activeStage(r.approval)?.id).toBe("head-teacher");
    expect(r.approval.route.map((s) => s.status)).toEqual(["active", "waiting", "waiting"]);
    expect(r.events.map((e) => e.type)).toEqual(["decided", "returned", "stageActivated"]);
    let b = decide(r.approval, { type: "approve", stepToken: token(r.approval) }, people.head, at(4)).approval;
    b = decide(b, { type: "approve", stepToken: token(b) }, people.vp, at(5)).approval;
    b = decide(b, { type: "approve", stepToken: token(b) }, people.principal, at(6)).approval;
    expect(b.status).toBe("approved");
  });
});

describe("合議", () => {
  const run = (
    rule: Parameters<typeof consultationRoute>[0],
    decisions: [keyof typeof people, "approve" | "reject"][],
  ) => {
    let a = submitted(consultationRoute(rule));
    const t = token(a);
    for (const [who, d] of decisions)
      a = decide(
        a,
        d === "approve" ? { type: "approve", stepToken: t } : { type: "reject", stepToken: t, comment: "反対" },
        people[who],
        at(1),
      ).approval;
    return a;
  };

  it("all: waits for every member; one 却下 rejects", () => {
    const two = run({ kind: "all" }, [
      ["g1", "approve"],
      ["g2", "approve"],
    ]);
    expect(activeStage(two)?.id).toBe("grade-heads");
    expect(waitingOn(two).map((p) => p.oid)).toEqual([people.g3.oid]);
    expect(
      activeStage(
        run({ kind: "all" }, [
          ["g1", "approve"],
          ["g2", "approve"],
          ["g3", "approve"],
        ]),
      )?.id,
    ).toBe("principal");
    expect(
      run({ kind: "all" }, [
        ["g1", "approve"],
        ["g2", "reject"],
      ]).status,
    ).toBe("rejected");
  });

  it("any: the first approval passes; the others are closed and a late click is ALREADY_DECIDED", () => {
    const a = run({ kind: "any" }, [["g2", "approve"]]);
    expect(activeStage(a)?.id).toBe("principal");
    const consult = a.route[0];
    expect(consult?.assignees.map((x) => x.status)).toEqual(["closed", "decided", "closed"]);
    expect(codeOf(() => decide(a, { type: "approve", stepToken: consult?.token ?? "" }, people.g1, at(2)))).toBe(
      "APPROVAL_ALREADY_DECIDED",
    );
  });

  it("2 of 3: one 却下 leaves it open, a second makes it unreachable (rejected)", () => {
    const one = run({ kind: "nOfM", n: 2 }, [
      ["g1", "reject"],
      ["g2", "approve"],
    ]);
    expect(one.status).toBe("inRoute");
    expect(activeStage(one)?.id).toBe("grade-heads");
    expect(
      activeStage(
        run({ kind: "nOfM", n: 2 }, [
          ["g1", "reject"],
          ["g2", "approve"],
          ["g3", "approve"],
        ]),
      )?.id,
    ).toBe("principal");
    expect(
      run({ kind: "nOfM", n: 2 }, [
        ["g1", "reject"],
        ["g2", "reject"],
      ]).status,
    ).toBe("rejected");
  });

  it("回覧 after 決裁 is circulated at completion without a decision", () => {
    let a = run({ kind: "any" }, [["g1", "approve"]]);
    const r = decide(a, { type: "approve", stepToken: token(a) }, people.principal, at(2));
    a = r.approval;
    expect(a.status).toBe("approved");
    expect(r.events.map((e) => e.type)).toEqual(["decided", "circulated", "completed"]);
    expect(a.route[2]?.assignees[0]?.status).toBe("circulated");
  });
});

describe("引戻し", () => {
  it("the drafter may withdraw before anyone decides, not after; nobody else may", () => {
    const a = submitted();
    expect(codeOf(() => decide(a, { type: "withdraw" }, people.head, at(1)))).toBe("FORBIDDEN");
    const w = decide(a, { type: "withdraw", comment: "添付漏れ" }, people.drafter, at(1));
    expect(w.approval.status).toBe("withdrawn");
    expect(w.approval.route.every((s) => s.token === null)).toBe(true);
    expect(codeOf(() => decide(w.approval, { type: "approve", stepToken: token(a) }, people.head, at(2)))).toBe(
      "APPROVAL_NOT_PENDING",
    );
    const decided = decide(a, { type: "approve", stepToken: token(a) }, people.head, at(1)).approval;
    expect(codeOf(() => decide(decided, { type: "withdraw" }, people.drafter, at(2)))).toBe("APPROVAL_WITHDRAW_CLOSED");
    // Resubmitting after a withdrawal opens a new round, whose window is open again.
    const again = submit(w.approval, generalRoute(), people.drafter, at(3)).approval;
    expect(decide(again, { type: "withdraw" }, people.drafter, at(4)).approval.status).toBe("withdrawn");
  });
});

describe("代決 and 後閲", () => {
  it("the 教頭 decides for the absent 校長; the 校長 owes a 後閲 and acknowledges it once", () => {
    let a = submitted();
    a = decide(a, { type: "approve", stepToken: token(a) }, people.head, at(1)).approval;
    a = decide(a, { type: "approve", stepToken: token(a) }, people.vp, at(2)).approval;
    expect(turnOf(a, people.vp.oid)).toMatchObject({ asDeputy: true });
    expect(codeOf(() => decide(a, { type: "delegate", stepToken: token(a) }, people.head, at(3)))).toBe(
      "APPROVAL_OUT_OF_TURN",
    );
    const r = decide(a, { type: "delegate", stepToken: token(a), comment: "出張中のため" }, people.vp, at(3));
    expect(r.approval.status).toBe("approved");
    expect(r.events[0]).toEqual({
      type: "delegated",
      stageId: "principal",
      deputy: people.vp,
      absent: [people.principal],
      comment: "出張中のため",
    });
    const principal = r.approval.route[2]?.assignees[0];
    expect(principal).toMatchObject({ decision: "approve", deputy: people.vp, reviewedAt: null });
    const reviewed = decide(r.approval, { type: "review", stageId: "principal" }, people.principal, at(4));
    expect(reviewed.approval.route[2]?.assignees[0]?.reviewedAt).toBe(at(4));
    expect(decide(reviewed.approval, { type: "review", stageId: "principal" }, people.principal, at(5)).events).toEqual(
      [],
    );
    expect(codeOf(() => decide(r.approval, { type: "review", stageId: "principal" }, people.head, at(4)))).toBe(
      "APPROVAL_NOT_ON_ROUTE",
    );
  });

  it("a late 校長 click after the 代決 names the deputy", () => {
    let a = submitted();
    a = decide(a, { type: "approve", stepToken: token(a) }, people.head, at(1)).approval;
    a = decide(a, { type: "approve", stepToken: token(a) }, people.vp, at(2)).approval;
    const t = token(a);
    a = decide(a, { type: "delegate", stepToken: t }, people.vp, at(3)).approval;
    try {
      decide(a, { type: "approve", stepToken: t }, people.principal, at(4));
      expect.unreachable();
    } catch (e) {
      expect((e as KomuError).code).toBe("APPROVAL_ALREADY_DECIDED");
      expect((e as KomuError).details).toMatchObject({ decisions: [{ name: "松尾 俊介", deputy: "小島 智子" }] });
    }
  });
});

describe("views, reminders and expiry", () => {
  it("a first view is recorded once", () => {
    const a = submitted();
    const v = decide(a, { type: "view" }, people.head, at(1));
    expect(v.events).toEqual([{ type: "viewed", stageId: "head-teacher" }]);
    expect(decide(v.approval, { type: "view" }, people.head, at(2)).events).toEqual([]);
    expect(decide(a, { type: "view" }, people.principal, at(1)).events).toEqual([]);
  });

  it("reminders: after N days, repeating, capped; they restart at the next stage", () => {
    const day = 24 * 60;
    let a = submitted();
    expect(reminderDue(a, at(2 * day))).toBe(false);
    expect(reminderDue(a, at(3 * day))).toBe(true);
    a = decide(a, { type: "remind" }, { oid: "system", name: "Kōmu" }, at(3 * day)).approval;
    expect(reminderDue(a, at(4 * day))).toBe(false);
    expect(reminderDue(a, at(5 * day))).toBe(true);
    a = decide(a, { type: "remind" }, { oid: "system", name: "Kōmu" }, at(5 * day)).approval;
    expect(reminderDue(a, at(20 * day))).toBe(false); // cap 2
    a = decide(a, { type: "approve", stepToken: token(a) }, people.head, at(20 * day)).approval;
    expect(a.remindersSent).toBe(0);
    expect(reminderDue(a, at(23 * day))).toBe(true);
  });

  it("expires after the template's days", () => {
    const a = submitted();
    expect(expiryDue(a, at(29 * 24 * 60))).toBe(false);
    expect(expiryDue(a, at(30 * 24 * 60))).toBe(true);
    const e = decide(a, { type: "expire" }, { oid: "system", name: "Kōmu" }, at(30 * 24 * 60));
    expect(e.approval.status).toBe("expired");
    expect(waitingOn(e.approval)).toEqual([]);
  });
});

describe("templates and the drafter's edits", () => {
  it("the shipped defaults are valid templates", () => {
    for (const t of defaultRouteTemplates()) expect(RouteTemplateInput.safeParse(t).success).toBe(true);
  });

  it("a template needs exactly one final stage, last among decisions", () => {
    const bad = {
      name: "x",
      stages: [
        { id: "p", kind: "final", label: "校長", roles: ["principal"] },
        { id: "v", kind: "approval", label: "教頭", roles: ["vicePrincipal"] },
      ],
    };
    expect(RouteTemplateInput.safeParse(bad).success).toBe(false);
    expect(RouteTemplateInput.safeParse({ ...bad, stages: [bad.stages[1]] }).success).toBe(false);
  });

  it("the drafter may name people on an added stage; templates may not; an added stage names someone", () => {
    const general = RouteTemplate.parse({
      ...defaultRouteTemplates()[0],
      schoolId: "aoba-e",
      createdAt: T0,
      updatedAt: T0,
    });
    const stages = applyRouteEdits(general, {
      remove: [],
      add: [
        {
          after: "head-teacher",
          kind: "consultation",
          label: "合議（伊藤）",
          roles: [],
          people: ["u-x"],
          rule: { kind: "all" },
        },
      ],
    });
    expect(stages[1]).toMatchObject({ id: "added-1", roles: [], people: ["u-x"] });
    expect(AddedStage.safeParse({ after: null, kind: "circulation", label: "回覧", roles: [] }).success).toBe(false);
    const withPeople = {
      name: "x",
      stages: [{ id: "p", kind: "final", label: "校長", roles: ["principal"], people: ["u-x"] }],
    };
    expect(RouteTemplateInput.safeParse(withPeople).success).toBe(false);
  });

  it("removes optional stages and adds 合議/回覧 where allowed; refuses the rest", () => {
    const general = RouteTemplate.parse({
      ...defaultRouteTemplates()[0],
      schoolId: "aoba-e",
      createdAt: T0,
      updatedAt: T0,
    });
    const stages = applyRouteEdits(general, {
      remove: ["head-teacher"],
      add: [
        {
          after: "vice-principal",
          kind: "consultation",
          label: "合議（養護）",
          roles: ["nurse"],
          rule: { kind: "all" },
        },
        { after: "principal", kind: "circulation", label: "回覧", roles: ["clerk"], rule: { kind: "any" } },
      ],
    });
    expect(stages.map((s) => s.id)).toEqual(["vice-principal", "added-1", "principal", "added-2"]);
    const refused = (edits: Parameters<typeof applyRouteEdits>[1]) => codeOf(() => applyRouteEdits(general, edits));
    expect(refused({ remove: ["principal"], add: [] })).toBe("APPROVAL_ROUTE_EDIT_NOT_ALLOWED");
    expect(
      refused({
        remove: [],
        add: [{ after: "principal", kind: "consultation", label: "x", roles: ["nurse"], rule: { kind: "all" } }],
      }),
    ).toBe("APPROVAL_ROUTE_EDIT_NOT_ALLOWED");
    const strict = { ...general, drafterMay: { addConsultation: false, addCirculation: true, removeOptional: false } };
    expect(codeOf(() => applyRouteEdits(strict, { remove: ["head-teacher"], add: [] }))).toBe(
      "APPROVAL_ROUTE_EDIT_NOT_ALLOWED",
    );
  });
});
