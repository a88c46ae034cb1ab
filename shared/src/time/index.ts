export * from "./fiscal-year.js";
export * from "./jst.js";
export {
  ERAS,
  type Era,
  formatEraYear,
  formatFiscalYear,
  formatFiscalYearBoth,
  formatWareki,
  toWareki,
  type WarekiDate,
  warekiOfCalendarDay,
} from "./wareki.js";
