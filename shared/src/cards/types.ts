/**
 * The shape of Kōmu's Adaptive Card templates: plain JSON-compatible data written in the
 * Adaptive Cards Templating language (`${...}` bindings, `$when`, `$data`), each paired with the
 * zod schema of the data it binds. Pure: the bot (functions/src/bot/cards/render.ts) expands a
 * template with `adaptivecards-templating` and validates the result with `adaptivecards`.
 */
import type { z } from "zod";

export type CardJson = string | number | boolean | null | readonly CardJson[] | { readonly [key: string]: CardJson };

/** An Adaptive Card template (root object). */
export interface CardTemplate {
  readonly type: "AdaptiveCard";
  readonly version: string;
  readonly [key: string]: CardJson;
}

/** A template and the schema of the data it binds (the data given to it is checked first). */
export interface CardDefinition<S extends z.ZodType = z.ZodType> {
  /** Short stable name, used in error details and tests. */
  readonly name: string;
  readonly template: CardTemplate;
  readonly data: S;
}

/** The Adaptive Card schema version Kōmu targets (what Teams renders on every client). */
export const CARD_VERSION = "1.5";
