import type { Classification } from "@komu/shared";

/** Highest first: I is the most sensitive. */
export const CLASSIFICATIONS: readonly Classification[] = ["I", "II", "III", "IV"];

const rank = (c: Classification): number => CLASSIFICATIONS.indexOf(c);

/** The classifications a record of a category may have: its default or higher (never lower). */
export function allowedClassifications(categoryDefault: Classification): Classification[] {
  return CLASSIFICATIONS.filter((c) => rank(c) <= rank(categoryDefault));
}

/** The value to keep when the category changes: the current choice if still allowed, else the new default. */
export function keepOrRaise(current: Classification | undefined, categoryDefault: Classification): Classification {
  return current !== undefined && rank(current) <= rank(categoryDefault) ? current : categoryDefault;
}

/** Fluent Badge colour per class (I and II stand out; theme tokens keep contrast modes readable). */
export function classificationColor(c: Classification): "danger" | "warning" | "informative" | "subtle" {
  switch (c) {
    case "I":
      return "danger";
    case "II":
      return "warning";
    case "III":
      return "informative";
    case "IV":
      return "subtle";
  }
}
