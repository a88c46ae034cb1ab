/**
 * Checks an expanded card before it can reach anyone: the `adaptivecards` object model parses it
 * for Adaptive Cards 1.5 (unknown element/action types, invalid property values, actions not
 * allowed where they are) and validates it (inputs without ids, duplicate ids, required
 * properties it knows, unsupported versions); Kōmu adds what that library lets through: a version
 * above 1.5 (the library accepts up to its own latest, 1.6), template syntax left in the output, a
 * few properties the Adaptive Cards 1.5 schema requires that the library does not check, and an
 * Action.Execute without a verb (the bot dispatches on it).
 */
import { CARD_VERSION } from "@komu/shared/cards/index";
import { adaptiveCardsLibrary } from "./engines.js";

export interface CardProblem {
  /** parse / validate: reported by `adaptivecards`; komu: Kōmu's own rule. */
  source: "parse" | "validate" | "komu";
  /** The library's ValidationEvent name, or Kōmu's rule name. */
  event: string;
  message: string;
  /** JSON path, for Kōmu's rules. */
  path?: string;
}

/** Properties the Adaptive Cards 1.5 schema marks required, by element/action type. */
const REQUIRED: Record<string, readonly string[]> = {
  TextBlock: ["text"],
  Image: ["url"],
  Media: ["sources"],
  RichTextBlock: ["inlines"],
  TextRun: ["text"],
  ImageSet: ["images"],
  FactSet: ["facts"],
  Container: ["items"],
  ActionSet: ["actions"],
  "Action.OpenUrl": ["url"],
  "Action.ToggleVisibility": ["targetElements"],
  "Action.Execute": ["verb"],
};

function versionProblem(version: unknown): CardProblem | undefined {
  const m = typeof version === "string" ? /^(\d+)\.(\d+)$/.exec(version) : null;
  if (!m) {
    return {
      source: "komu",
      event: "InvalidVersion",
      message: `version must be "major.minor", got ${JSON.stringify(version)}`,
    };
  }
  const [maxMajor, maxMinor] = CARD_VERSION.split(".").map(Number) as [number, number];
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major > maxMajor || (major === maxMajor && minor > maxMinor)) {
    return { source: "komu", event: "UnsupportedCardVersion", message: `version ${version} is above ${CARD_VERSION}` };
  }
  return undefined;
}

function structuralProblems(value: unknown, path: string, out: CardProblem[]): void {
  if (typeof value === "string") {
    if (value.includes("${")) {
      out.push({
        source: "komu",
        event: "UnresolvedBinding",
        message: `template binding left in the card: ${value}`,
        path,
      });
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      structuralProblems(v, `${path}[${i}]`, out);
    });
    return;
  }
  if (value === null || typeof value !== "object") return;
  const obj = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(obj)) {
    if (key.includes("${") || (key.startsWith("$") && key !== "$schema")) {
      out.push({ source: "komu", event: "UnresolvedBinding", message: `template key left in the card: ${key}`, path });
    }
    structuralProblems(v, `${path}.${key}`, out);
  }
  const type = typeof obj.type === "string" ? obj.type : undefined;
  for (const prop of (type && REQUIRED[type]) || []) {
    const v = obj[prop];
    if (v === undefined || v === null || v === "") {
      out.push({ source: "komu", event: "PropertyCantBeNull", message: `${type} needs "${prop}"`, path });
    }
  }
  if (type === "FactSet" && Array.isArray(obj.facts)) {
    obj.facts.forEach((f, i) => {
      const fact = (f ?? {}) as Record<string, unknown>;
      if (typeof fact.title !== "string" || typeof fact.value !== "string") {
        out.push({
          source: "komu",
          event: "PropertyCantBeNull",
          message: "a Fact needs title and value",
          path: `${path}.facts[${i}]`,
        });
      }
    });
  }
}

/** Every problem found in `card`; empty means it is a valid Adaptive Card 1.5 for Kōmu. */
export function cardProblems(card: unknown): CardProblem[] {
  if (
    card === null ||
    typeof card !== "object" ||
    Array.isArray(card) ||
    (card as { type?: unknown }).type !== "AdaptiveCard"
  ) {
    return [
      { source: "komu", event: "MissingCardType", message: 'the root must be an object with type "AdaptiveCard"' },
    ];
  }
  const AC = adaptiveCardsLibrary();
  const problems: CardProblem[] = [];
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const libraryEvents = [
    ...Array.from({ length: context.eventCount }, (_, i) => ({ source: "parse" as const, e: context.getEventAt(i) })),
    ...parsed.validateProperties().validationEvents.map((e) => ({ source: "validate" as const, e })),
  ];
  for (const { source, e } of libraryEvents) {
    if (e.event === AC.ValidationEvent.Hint) continue;
    problems.push({ source, event: AC.ValidationEvent[e.event] ?? String(e.event), message: e.message });
  }
  const version = versionProblem((card as { version?: unknown }).version);
  if (version) problems.push(version);
  structuralProblems(card, "$", problems);
  return problems;
}
