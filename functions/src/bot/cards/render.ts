/**
 * renderCard(definition, data): the one way Kōmu turns a card template (@komu/shared/cards) into
 * a card. The data is checked with the template's zod schema, expanded with
 * adaptivecards-templating (`new Template(template).expand({ $root: data })`, data strings made
 * inert first: protect.ts), and the result validated as an Adaptive Card 1.5 (validate.ts). Any
 * problem is a bug in Kōmu, never the user's: it throws KomuError("INTERNAL") with the problems in
 * `details`, so a broken card never reaches anyone.
 */
import { KomuError } from "@komu/shared";
import type { CardDefinition } from "@komu/shared/cards/index";
import type { z } from "zod";
import type { AdaptiveCard } from "../activity.js";
import { templateEngine } from "./engines.js";
import { protectData, restoreData } from "./protect.js";
import { type CardProblem, cardProblems } from "./validate.js";

export type { CardProblem } from "./validate.js";

export interface InvalidCardDetails {
  card: string;
  stage: "data" | "template" | "card";
  problems: CardProblem[] | { path: string; message: string }[];
}

function invalid(
  card: string,
  stage: InvalidCardDetails["stage"],
  problems: InvalidCardDetails["problems"],
  cause?: unknown,
) {
  const first = problems[0]?.message ?? "";
  return new KomuError("INTERNAL", {
    message: {
      ja: `カード「${card}」を作成できませんでした。管理者に連絡してください。`,
      en: `Card "${card}" could not be rendered (${stage}): ${first}`,
    },
    details: { card, stage, problems } satisfies InvalidCardDetails,
    ...(cause === undefined ? {} : { cause }),
  });
}

export function renderCard<S extends z.ZodType>(definition: CardDefinition<S>, data: z.input<S>): AdaptiveCard {
  const parsed = definition.data.safeParse(data);
  if (!parsed.success) {
    throw invalid(
      definition.name,
      "data",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  let expanded: unknown;
  try {
    const Template = templateEngine();
    expanded = new Template(structuredClone(definition.template)).expand({ $root: protectData(parsed.data) });
  } catch (e) {
    throw invalid(definition.name, "template", [{ path: "", message: String(e) }], e);
  }
  const problems = cardProblems(expanded);
  if (problems.length > 0) throw invalid(definition.name, "card", problems);
  return restoreData(expanded) as AdaptiveCard;
}

/**
 * Validates a card built elsewhere (e.g. passed to sendCardToUser); throws like renderCard.
 * Returns the card unchanged.
 */
export function assertValidCard(card: unknown, name = "card"): AdaptiveCard {
  const problems = cardProblems(card);
  if (problems.length > 0) throw invalid(name, "card", problems);
  return card as AdaptiveCard;
}
