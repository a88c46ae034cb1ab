/**
 * Minimal dotenv-style parser for env/.env.<env> (the Agents Toolkit convention):
 * KEY=value lines, `#` comments, optional `export `, single/double quotes (double quotes
 * understand \n), `${NAME}` references to earlier names (not inside single quotes) — the same
 * rules as functions/src/config.ts, so env/.env.local means the same to both.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new Error(`line ${index + 1}: expected KEY=value, got "${raw}"`);
    const key = match[1] as string;
    let value = match[2] as string;
    if (value.startsWith('"')) {
      const end = value.lastIndexOf('"');
      if (end <= 0) throw new Error(`line ${index + 1}: unterminated double quote`);
      value = value.slice(1, end).replace(/\\n/g, "\n").replace(/\\"/g, '"');
    } else if (value.startsWith("'")) {
      const end = value.lastIndexOf("'");
      if (end <= 0) throw new Error(`line ${index + 1}: unterminated single quote`);
      out[key] = value.slice(1, end);
      return;
    } else {
      value = value.replace(/\s+#.*$/, "").trim();
    }
    out[key] = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_all, ref: string) => out[ref] ?? "");
  });
  return out;
}
