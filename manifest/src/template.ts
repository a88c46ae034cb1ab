/** `${{VAR}}` placeholders, as the Microsoft 365 Agents Toolkit writes them in manifest templates. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export class UnresolvedPlaceholdersError extends Error {
  constructor(
    readonly file: string,
    readonly names: string[],
  ) {
    super(`${file}: no value for ${names.map((n) => `\${{${n}}}`).join(", ")}`);
    this.name = "UnresolvedPlaceholdersError";
  }
}

/** Every placeholder name used in a template, in order of first appearance. */
export function placeholderNames(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/**
 * Replace placeholders with values (JSON-string-escaped, since templates are JSON).
 * Throws UnresolvedPlaceholdersError listing every name without a value.
 */
export function substitute(template: string, values: Record<string, string | undefined>, file = "template"): string {
  const missing = placeholderNames(template).filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new UnresolvedPlaceholdersError(file, missing);
  const result = template.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(values[name]).slice(1, -1));
  const left = placeholderNames(result);
  if (left.length > 0) throw new UnresolvedPlaceholdersError(file, left);
  return result;
}
