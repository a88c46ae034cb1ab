// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${{VAR}} is the Agents Toolkit placeholder syntax under test
import { describe, expect, it } from "vitest";
import { parseEnvFile } from "./env-file.js";
import { placeholderNames, substitute, UnresolvedPlaceholdersError } from "./template.js";

describe("substitute", () => {
  it("replaces every placeholder, JSON-escaping values", () => {
    const out = substitute('{"a":"${{A}}","b":"x${{ B }}y","c":"${{A}}"}', { A: 'q"uote', B: "" });
    expect(JSON.parse(out)).toEqual({ a: 'q"uote', b: "xy", c: 'q"uote' });
  });

  it("lists every unresolved placeholder", () => {
    try {
      substitute("${{A}} ${{B}} ${{C}} ${{B}}", { B: "1" }, "m.json");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnresolvedPlaceholdersError);
      expect((e as UnresolvedPlaceholdersError).names).toEqual(["A", "C"]);
      expect((e as Error).message).toBe("m.json: no value for ${{A}}, ${{C}}");
    }
  });

  it("refuses values that smuggle in placeholders", () => {
    expect(() => substitute("${{A}}", { A: "${{B}}" })).toThrow(UnresolvedPlaceholdersError);
  });

  it("finds names once, in order", () => {
    expect(placeholderNames("${{X}}${{Y}}${{X}}")).toEqual(["X", "Y"]);
  });
});

describe("parseEnvFile", () => {
  it("reads KEY=value lines, comments, quotes and export", () => {
    const env = parseEnvFile(
      "# c\nA=1\nexport B = two # note\nC=\"x y\\nz\"\nD='#not comment'\nEMPTY=\n\nURL=http://h:1/p#frag\n",
    );
    expect(env).toEqual({ A: "1", B: "two", C: "x y\nz", D: "#not comment", EMPTY: "", URL: "http://h:1/p#frag" });
  });

  it("expands ${NAME} references to earlier names, except in single quotes", () => {
    const env = parseEnvFile("PORT=7071\nTAB_ENDPOINT=http://localhost:${PORT}\nQ='${PORT}'\nU=${LATER}\nLATER=x\n");
    expect(env).toEqual({ PORT: "7071", TAB_ENDPOINT: "http://localhost:7071", Q: "${PORT}", U: "", LATER: "x" });
  });

  it("rejects lines that are not assignments", () => {
    expect(() => parseEnvFile("A=1\nnonsense\n")).toThrow(/line 2/);
  });
});
