// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the tests feed `${…}` on purpose (template syntax and injection attempts)
import { isKomuError, type KomuError } from "@komu/shared";
import {
  CARD_DEFINITIONS,
  type CardDefinition,
  type CardTemplate,
  errorCardDefinition,
  helpCardDefinition,
  KOMU_FEATURES,
  welcomeAcknowledgedCardDefinition,
  welcomeCardDefinition,
} from "@komu/shared/cards/index";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { InvalidCardDetails } from "./render.js";
import { assertValidCard, renderCard } from "./render.js";
import { cardProblems } from "./validate.js";

// biome-ignore lint/suspicious/noExplicitAny: test access into arbitrary card JSON
type Json = Record<string, any>;

/** Representative data for every shipped template (Japanese names, as in the demo town). */
const SAMPLES: Record<string, unknown> = {
  welcome: { appName: "Kōmu", userId: "29:1abc", userName: "山田 花子" },
  "welcome.acknowledged": {
    appName: "Kōmu",
    ackedByName: "佐藤　太郎",
    ackedAtText: "2026年4月1日 9:05",
    userIds: ["29:1abc", "29:2def"],
    repeated: true,
  },
  help: { appName: "Kōmu", tabs: [...KOMU_FEATURES] },
  error: {
    title: "操作できませんでした",
    message: "この操作を行う権限がありません。",
    detail: "You do not have permission.",
  },
  approval: {
    approvalId: "a1",
    schoolId: "aoba-e",
    title: "校外学習の実施について",
    drafterName: "伊藤 綾",
    templateName: "一般起案",
    dueDateText: "2026/12/01",
    summary: "",
    statusText: "回付中：教頭（小島 智子）",
    statusColor: "Accent",
    route: [{ label: "教頭", people: "小島 智子", state: "審査中", color: "Accent" }],
    userIds: ["29:1abc"],
    canDecide: true,
    canDelegate: false,
    stepToken: "1.2",
    reviewStageId: "",
    canWithdraw: false,
    returnChoices: [{ title: "起案者（伊藤 綾）", value: "drafter" }],
    notice: "",
    noticeColor: "Default",
    openUrl: "",
  },
  "approval.notice": {
    heading: "決裁されました",
    title: "校外学習の実施について",
    message: "決裁されました。",
    color: "Good",
  },
  meeting: {
    meetingId: "mt1a2b3c4d5e6f7g8",
    schoolId: "aoba-e",
    typeLabel: "職員会議",
    title: "第8回 職員会議",
    whenText: "2026年12月3日(木) 15:30〜16:30",
    place: "会議室",
    chairName: "桜井 聡",
    joinUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting",
    agenda: [
      { no: "1.", title: "運動会の実施について", presenter: "伊藤", minutesText: "30分" },
      { no: "2.", title: "成績処理の日程", presenter: "", minutesText: "20分" },
    ],
    materialsText: "3 件",
    openUrl: "https://komu.example/meetings?school=aoba-e&meeting=mt1a2b3c4d5e6f7g8",
    notice: "",
  },
  survey: {
    surveyId: "s1a2b3c4d5",
    schoolId: "aoba-j",
    title: "研修会の出欠",
    ownerName: "伊藤 綾",
    deadlineText: "2026年12月1日 17:00",
    state: "answer",
    questions: [
      {
        id: "q1",
        label: "出欠（必須）",
        input: "choice",
        isRequired: true,
        errorMessage: "「出欠」は必須です",
        choices: [
          { title: "出席", value: "yes" },
          { title: "欠席", value: "no" },
        ],
        isMultiSelect: false,
        style: "expanded",
        maxLength: null,
        min: null,
        max: null,
        minDate: null,
        maxDate: null,
        value: "",
        numberValue: null,
      },
    ],
    userIds: ["29:1abc"],
  },
};

function thrown(f: () => unknown): KomuError {
  try {
    f();
  } catch (e) {
    if (isKomuError(e)) return e;
    throw e;
  }
  throw new Error("expected a KomuError");
}

/** A definition around a raw template, with a permissive data schema. */
const raw = (template: object): CardDefinition => ({
  name: "test",
  template: template as CardTemplate,
  data: z.record(z.string(), z.unknown()),
});

const texts = (card: Json): string[] => (card.body as Json[]).map((b) => b.text as string);

describe("renderCard: every shipped template", () => {
  it("has representative data for each template", () => {
    expect(CARD_DEFINITIONS.map((d) => d.name).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(CARD_DEFINITIONS.map((d) => [d.name, d] as const))("%s renders to a valid 1.5 card", (name, definition) => {
    const card = renderCard(definition as CardDefinition, SAMPLES[name]);
    expect(card.type).toBe("AdaptiveCard");
    expect(card.version).toBe("1.5");
    expect(JSON.stringify(card)).not.toContain("${");
    expect(cardProblems(card)).toEqual([]);
  });

  it("welcome: Japanese first, English line, refresh for the user, the verbs the bot handles", () => {
    const card = renderCard(welcomeCardDefinition, {
      appName: "Kōmu",
      userId: "29:1abc",
      userName: "山田 花子",
    }) as Json;
    expect(texts(card)).toEqual([
      "Kōmu へようこそ",
      "山田 花子 さん、Kōmu（校務）をご利用いただけます。承認・会議・アンケート・文書・通知・採点をここから行えます。",
      "Welcome to Kōmu. Approvals, meetings, surveys, records, notices and grading in Teams.",
    ]);
    expect(card.refresh).toEqual({
      action: { type: "Action.Execute", title: "更新", verb: "welcome.view", data: { card: "welcome" } },
      userIds: ["29:1abc"],
    });
    expect(card.actions).toEqual([
      { type: "Action.Execute", title: "確認しました", verb: "welcome.ack", data: { card: "welcome" } },
    ]);
  });

  it("welcome.acknowledged: userIds bound as an array; the 'already' line only when repeated", () => {
    const data = SAMPLES["welcome.acknowledged"] as Json;
    const repeated = renderCard(welcomeAcknowledgedCardDefinition, data as never) as Json;
    expect(repeated.refresh.userIds).toEqual(["29:1abc", "29:2def"]);
    expect(repeated.refresh.action.verb).toBe("welcome.view");
    expect(texts(repeated)).toEqual([
      "Kōmu へようこそ",
      "✅ 佐藤　太郎 さんが 2026年4月1日 9:05 に確認しました。",
      "この案内はすでに確認済みです。 / Already acknowledged.",
    ]);
    const first = renderCard(welcomeAcknowledgedCardDefinition, {
      ...data,
      userIds: [],
      repeated: false,
    } as never) as Json;
    expect(first.refresh.userIds).toEqual([]);
    expect(first.body).toHaveLength(2);
  });

  it("help: one fact per feature ($data)", () => {
    const card = renderCard(helpCardDefinition, { appName: "Kōmu", tabs: [...KOMU_FEATURES] }) as Json;
    expect(card.body[1].facts).toEqual(KOMU_FEATURES.map((f) => ({ title: f.title, value: f.description })));
  });

  it("error: the detail line is there only when a detail is given", () => {
    const withDetail = renderCard(errorCardDefinition, SAMPLES.error as never) as Json;
    expect(texts(withDetail)).toEqual([
      "操作できませんでした",
      "この操作を行う権限がありません。",
      "You do not have permission.",
    ]);
    const without = renderCard(errorCardDefinition, {
      title: "操作できませんでした",
      message: "失敗しました。",
    }) as Json;
    expect(texts(without)).toEqual(["操作できませんでした", "失敗しました。"]);
  });

  it("refuses data that does not match the template's schema (a bug, not a broken card)", () => {
    const e = thrown(() => renderCard(welcomeAcknowledgedCardDefinition, { appName: "Kōmu" } as never));
    expect(e.code).toBe("INTERNAL");
    const details = e.details as InvalidCardDetails;
    expect(details.card).toBe("welcome.acknowledged");
    expect(details.stage).toBe("data");
    expect(details.problems.map((p) => (p as { path: string }).path)).toEqual(
      expect.arrayContaining(["ackedByName", "ackedAtText", "userIds", "repeated"]),
    );
    const tooMany = Array.from({ length: 61 }, (_, i) => `29:u${i}`);
    expect(
      thrown(() =>
        renderCard(welcomeAcknowledgedCardDefinition, {
          ...(SAMPLES["welcome.acknowledged"] as Json),
          userIds: tooMany,
        } as never),
      ).code,
    ).toBe("INTERNAL");
  });
});

describe("renderCard: broken templates are refused with the events in details", () => {
  const base = { type: "AdaptiveCard", version: "1.5" };
  const cases: [string, object, string][] = [
    ["an unknown element type", { ...base, body: [{ type: "Fancy.Widget", text: "x" }] }, "UnknownElementType"],
    ["an unknown action type", { ...base, actions: [{ type: "Action.Teleport", title: "x" }] }, "UnknownActionType"],
    ["a 1.6-only element (Carousel)", { ...base, body: [{ type: "Carousel", pages: [] }] }, "UnknownElementType"],
    ["Input.Text without id", { ...base, body: [{ type: "Input.Text", label: "名前" }] }, "PropertyCantBeNull"],
    [
      "duplicate input ids",
      {
        ...base,
        body: [
          { type: "Input.Text", id: "name", label: "a" },
          { type: "Input.Text", id: "name", label: "b" },
        ],
      },
      "DuplicateId",
    ],
    ["version 1.6", { ...base, version: "1.6", body: [{ type: "TextBlock", text: "x" }] }, "UnsupportedCardVersion"],
    ["version 2.0", { ...base, version: "2.0", body: [] }, "UnsupportedCardVersion"],
    ["no version", { type: "AdaptiveCard", body: [] }, "InvalidVersion"],
    [
      "an invalid property value",
      { ...base, body: [{ type: "TextBlock", text: "x", weight: "Heavy" }] },
      "InvalidPropertyValue",
    ],
    [
      "Action.OpenUrl without url",
      { ...base, actions: [{ type: "Action.OpenUrl", title: "開く" }] },
      "PropertyCantBeNull",
    ],
    ["Image without url", { ...base, body: [{ type: "Image", altText: "x" }] }, "PropertyCantBeNull"],
    ["TextBlock without text", { ...base, body: [{ type: "TextBlock", wrap: true }] }, "PropertyCantBeNull"],
    [
      "Action.Execute without verb",
      { ...base, actions: [{ type: "Action.Execute", title: "実行" }] },
      "PropertyCantBeNull",
    ],
    ["a root that is not an AdaptiveCard", { type: "Container", version: "1.5", items: [] }, "MissingCardType"],
    [
      "a refresh whose action is not Action.Execute",
      { ...base, refresh: { action: { type: "Action.Submit", title: "x" }, userIds: [] }, body: [] },
      "ActionTypeNotAllowed",
    ],
  ];

  it.each(cases)("%s", (_label, template, event) => {
    const e = thrown(() => renderCard(raw(template), {}));
    expect(e.code).toBe("INTERNAL");
    expect(e.status).toBe(500);
    const details = e.details as InvalidCardDetails;
    expect(details.stage).toBe("card");
    expect(details.problems.map((p) => (p as { event: string }).event)).toContain(event);
  });

  it("a binding left unresolved (data missing) is refused", () => {
    const template = { ...base, body: [{ type: "TextBlock", text: "${userName} さん" }] };
    const e = thrown(() => renderCard(raw(template), {}));
    expect((e.details as InvalidCardDetails).problems).toEqual([
      expect.objectContaining({ event: "UnresolvedBinding", path: "$.body[0].text" }),
    ]);
    expect(renderCard(raw(template), { userName: "山田" }).body).toEqual([{ type: "TextBlock", text: "山田 さん" }]);
  });

  it("an unresolved $data list is refused", () => {
    const template = {
      ...base,
      body: [{ type: "FactSet", facts: [{ $data: "${tabs}", title: "${title}", value: "v" }] }],
    };
    const e = thrown(() => renderCard(raw(template), {}));
    expect((e.details as InvalidCardDetails).problems.map((p) => (p as { event: string }).event)).toContain(
      "UnresolvedBinding",
    );
  });

  it("the library's own checks are live (a valid card with inputs passes, the same card with a clash fails)", () => {
    const ok = {
      ...base,
      body: [
        { type: "Input.Text", id: "a", label: "A" },
        { type: "Input.Text", id: "b", label: "B" },
      ],
      actions: [{ type: "Action.Execute", title: "送信", verb: "x.submit" }],
    };
    expect(cardProblems(ok)).toEqual([]);
    expect(cardProblems({ ...ok, body: [ok.body[0], { ...ok.body[1], id: "a" }] }).length).toBeGreaterThan(0);
  });

  it("assertValidCard checks cards built elsewhere the same way", () => {
    expect(assertValidCard({ ...base, body: [] })).toEqual({ ...base, body: [] });
    expect(thrown(() => assertValidCard({ ...base, version: "1.6", body: [] }, "notice")).details).toMatchObject({
      card: "notice",
      stage: "card",
    });
  });
});

describe("renderCard: data is text, never template (no injection)", () => {
  const hostile = [
    "${secret}",
    "${appName}",
    "${userIds}",
    "${",
    "}${",
    "$${secret}}",
    'say "hi"',
    "back\\slash \\n \\u0041",
    "${if(true, 'a', 'b')}",
    "{{DATE(2026-04-01T00:00:00Z, SHORT)}}",
    "true",
    "123",
    "null",
    "\uE000\uE002{x}",
    "\uE000\uE001",
    "\uE000",
    "山田 ${secret} 花子",
  ];

  it.each(hostile)("a display name %j appears literally", (name) => {
    const card = renderCard(welcomeCardDefinition, { appName: "Kōmu", userId: "29:1abc", userName: name }) as Json;
    expect(card.body[1].text).toBe(
      `${name} さん、Kōmu（校務）をご利用いただけます。承認・会議・アンケート・文書・通知・採点をここから行えます。`,
    );
    expect(JSON.stringify(card)).not.toContain("SECRET-VALUE");
  });

  it.each(hostile)("a whole-value binding keeps %j as the same string", (name) => {
    const card = renderCard(errorCardDefinition, { title: name, message: name, detail: name }) as Json;
    expect(texts(card)).toEqual([name, name, name]);
  });

  it("names in lists ($data) and in refresh.userIds stay literal", () => {
    const tabs = [
      { title: "${secret}", description: '"quoted" \\ ${appName}' },
      { title: "会議", description: "${description}" },
    ];
    const help = renderCard(helpCardDefinition, { appName: "Kōmu", tabs }) as Json;
    expect(help.body[1].facts).toEqual([
      { title: "${secret}", value: '"quoted" \\ ${appName}' },
      { title: "会議", value: "${description}" },
    ]);
    const ack = renderCard(welcomeAcknowledgedCardDefinition, {
      appName: "Kōmu",
      ackedByName: "${ackedAtText}",
      ackedAtText: "2026年4月1日 9:05",
      userIds: ["29:${secret}"],
      repeated: false,
    }) as Json;
    expect(ack.body[1].text).toBe("✅ ${ackedAtText} さんが 2026年4月1日 9:05 に確認しました。");
    expect(ack.refresh.userIds).toEqual(["29:${secret}"]);
  });

  it("a template binding the same names still expands (the protection is only on data)", () => {
    const template = {
      type: "AdaptiveCard",
      version: "1.5",
      body: [{ type: "TextBlock", text: "${name} / ${secret}" }],
    };
    const card = renderCard(raw(template), { name: "${secret}", secret: "SECRET-VALUE" }) as Json;
    expect(card.body[0].text).toBe("${secret} / SECRET-VALUE");
  });
});
