/**
 * The two Adaptive Cards libraries, loaded for Node.
 *  - `adaptivecards-templating`: through require with a local type, because its own .d.ts pulls
 *    adaptivecards' .ts sources into the program (they do not compile under this repo's settings).
 *  - `adaptivecards`: its `main` (lib/) is ES modules without file extensions, which Node cannot
 *    load; the package's UMD bundle (dist/adaptivecards.js) loads in Node and parses/validates
 *    cards without a DOM (rendering, which needs one, is never called here). Types come from lib/.
 * Loaded on first use, once per process.
 */
import { createRequire } from "node:module";
import type * as AdaptiveCards from "adaptivecards";

export type AdaptiveCardsModule = typeof AdaptiveCards;

export interface TemplateEngine {
  new (payload: unknown): { expand(context: { $root: unknown }): unknown };
}

const require = createRequire(import.meta.url);
let templateCtor: TemplateEngine | undefined;
let adaptiveCards: AdaptiveCardsModule | undefined;

export function templateEngine(): TemplateEngine {
  templateCtor ??= (require("adaptivecards-templating") as { Template: TemplateEngine }).Template;
  return templateCtor;
}

export function adaptiveCardsLibrary(): AdaptiveCardsModule {
  adaptiveCards ??= require("adaptivecards/dist/adaptivecards.js") as AdaptiveCardsModule;
  return adaptiveCards;
}
