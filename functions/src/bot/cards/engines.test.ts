// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` are adaptivecards-templating bindings under test
import { describe, expect, it } from "vitest";
import { adaptiveCardsLibrary, templateEngine } from "./engines.js";
import { protectString, restoreString } from "./protect.js";

describe("the Adaptive Cards libraries in Node", () => {
  it("adaptivecards-templating does not re-expand a substituted value (what protect.ts builds on)", () => {
    const Template = templateEngine();
    const out = new Template({ type: "TextBlock", text: "${name} さん", id: "${name}" }).expand({
      $root: { name: "${secret}", secret: "SECRET-VALUE" },
    }) as { text: string; id: string };
    expect(out).toEqual({ type: "TextBlock", text: "${secret} さん", id: "${secret}" });
  });

  it("adaptivecards parses and validates without a DOM", () => {
    const AC = adaptiveCardsLibrary();
    const card = new AC.AdaptiveCard();
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    card.parse({ type: "AdaptiveCard", version: "1.5", body: [{ type: "Nope" }, { type: "Input.Text" }] }, context);
    const events = [
      ...Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).event),
      ...card.validateProperties().validationEvents.map((e) => e.event),
    ];
    expect(events).toContain(AC.ValidationEvent.UnknownElementType);
    expect(events).toContain(AC.ValidationEvent.PropertyCantBeNull);
  });
});

describe("protect/restore of data strings", () => {
  const samples = [
    "",
    "plain",
    "${x}",
    "${",
    "$",
    "{",
    "\uE000",
    "\uE000\uE001",
    "\uE000\uE002",
    "a\uE000${b}\uE001",
    "山田 ${花子}",
  ];

  it.each(samples)("%j survives the round trip and never shows ${ in between", (s) => {
    const p = protectString(s);
    expect(p).not.toContain("${");
    expect(restoreString(p)).toBe(s);
  });

  it("different inputs never protect to the same string", () => {
    const protectedSet = new Set(samples.map(protectString));
    expect(protectedSet.size).toBe(samples.length);
  });
});
