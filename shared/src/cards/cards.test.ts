// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` are adaptivecards-templating bindings
import { describe, expect, it } from "vitest";
import {
  CARD_DEFINITIONS,
  CARD_VERSION,
  errorCardData,
  welcomeAcknowledgedCardTemplate,
  welcomeCardData,
  welcomeCardTemplate,
} from "./index.js";

/** Every `Action.Execute` in a JSON tree. */
function executes(v: unknown): { verb?: string }[] {
  if (Array.isArray(v)) return v.flatMap(executes);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return [...(o.type === "Action.Execute" ? [o as { verb?: string }] : []), ...Object.values(o).flatMap(executes)];
  }
  return [];
}

describe("card templates", () => {
  it.each(CARD_DEFINITIONS.map((d) => [d.name, d] as const))("%s is plain JSON for Adaptive Cards 1.5", (_n, d) => {
    expect(JSON.parse(JSON.stringify(d.template))).toEqual(d.template);
    expect(d.template.type).toBe("AdaptiveCard");
    expect(d.template.version).toBe(CARD_VERSION);
    expect(JSON.stringify(d.template)).not.toContain("\uE000");
  });

  it("names are unique", () => {
    const names = CARD_DEFINITIONS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("the welcome cards carry the verbs the bot handles and a refresh for the listed users", () => {
    expect(executes(welcomeCardTemplate).map((a) => a.verb)).toEqual(["welcome.view", "welcome.ack"]);
    expect(welcomeCardTemplate.refresh.userIds).toEqual(["${userId}"]);
    expect(executes(welcomeAcknowledgedCardTemplate).map((a) => a.verb)).toEqual(["welcome.view"]);
    expect(welcomeAcknowledgedCardTemplate.refresh.userIds).toBe("${userIds}");
  });

  it("data schemas check what the templates bind", () => {
    expect(welcomeCardData.safeParse({ appName: "Kōmu", userId: "29:1", userName: "" }).success).toBe(true);
    expect(welcomeCardData.safeParse({ appName: "Kōmu", userName: "山田" }).success).toBe(false);
    expect(errorCardData.parse({ title: "t", message: "m" })).toEqual({ title: "t", message: "m", detail: "" });
  });
});
