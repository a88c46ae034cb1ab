/**
 * OData $filter: a tokenizer, a recursive-descent parser and an evaluator over JSON objects.
 * Supports eq ne gt ge lt le, and/or/not, parentheses, `in (...)`, startswith/endswith/contains,
 * string literals with '' escaping, numbers, true/false/null, ISO date-times, nested paths
 * (`fields/Title`) and `path/$count`. Bad syntax throws a 400 GraphError.
 */
import { GraphError } from "../context.js";

export type Literal = string | number | boolean | null;
export type FilterExpr =
  | { type: "and" | "or"; left: FilterExpr; right: FilterExpr }
  | { type: "not"; expr: FilterExpr }
  | { type: "cmp"; op: "eq" | "ne" | "gt" | "ge" | "lt" | "le"; left: Operand; right: Operand }
  | { type: "in"; left: Operand; values: Operand[] }
  | { type: "call"; name: "startswith" | "endswith" | "contains"; args: Operand[] }
  | { type: "operand"; operand: Operand };

export type Operand =
  | { kind: "literal"; value: Literal; dateTime?: boolean }
  | { kind: "path"; path: string[] }
  | { kind: "fn"; name: "tolower" | "toupper"; arg: Operand };

type Token =
  | { t: "str"; v: string }
  | { t: "num"; v: number }
  | { t: "date"; v: string }
  | { t: "ident"; v: string }
  | { t: "("; v: "(" }
  | { t: ")"; v: ")" }
  | { t: ","; v: "," };

export function filterError(message: string): GraphError {
  return new GraphError(400, "BadRequest", `Invalid filter clause: ${message}`);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/;
const NUM_RE = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;
const IDENT_RE = /^[A-Za-z_@$][A-Za-z0-9_@$.]*(\/[A-Za-z_@$][A-Za-z0-9_@$.]*)*/;
const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      out.push({ t: ch, v: ch } as Token);
      i++;
      continue;
    }
    if (ch === "'") {
      let v = "";
      i++;
      for (;;) {
        if (i >= src.length) throw filterError("unterminated string literal.");
        const c = src[i] as string;
        if (c === "'") {
          if (src[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += c;
        i++;
      }
      out.push({ t: "str", v });
      continue;
    }
    const rest = src.slice(i);
    const guid = GUID_RE.exec(rest);
    if (guid) {
      out.push({ t: "str", v: guid[0].toLowerCase() });
      i += guid[0].length;
      continue;
    }
    const date = DATE_RE.exec(rest);
    if (date && date[0].length > 4 && date[0].includes("-")) {
      out.push({ t: "date", v: date[0] });
      i += date[0].length;
      continue;
    }
    const num = NUM_RE.exec(rest);
    if (num) {
      out.push({ t: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const ident = IDENT_RE.exec(rest);
    if (ident) {
      out.push({ t: "ident", v: ident[0] });
      i += ident[0].length;
      continue;
    }
    throw filterError(`unexpected character '${ch}' at position ${i}.`);
  }
  return out;
}

const CMP = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const BOOL_FNS = new Set(["startswith", "endswith", "contains"]);

export function parseFilter(src: string): FilterExpr {
  if (!src.trim()) throw filterError("the filter is empty.");
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const tok = tokens[pos++];
    if (!tok) throw filterError("unexpected end of the expression.");
    return tok;
  };
  const isKeyword = (word: string) => {
    const tok = peek();
    return tok?.t === "ident" && tok.v.toLowerCase() === word;
  };
  const expect = (t: Token["t"]) => {
    const tok = next();
    if (tok.t !== t) throw filterError(`expected '${t}' but found '${String(tok.v)}'.`);
    return tok;
  };

  const parseOperand = (): Operand => {
    const tok = next();
    switch (tok.t) {
      case "str":
        return { kind: "literal", value: tok.v };
      case "num":
        return { kind: "literal", value: tok.v };
      case "date":
        return { kind: "literal", value: tok.v, dateTime: true };
      case "ident": {
        const lower = tok.v.toLowerCase();
        if (lower === "true" || lower === "false") return { kind: "literal", value: lower === "true" };
        if (lower === "null") return { kind: "literal", value: null };
        if ((lower === "tolower" || lower === "toupper") && peek()?.t === "(") {
          next();
          const arg = parseOperand();
          expect(")");
          return { kind: "fn", name: lower, arg };
        }
        if (peek()?.t === "(")
          throw new GraphError(400, "Request_UnsupportedQuery", `Unsupported function '${tok.v}' in filter clause.`);
        return { kind: "path", path: tok.v.split("/") };
      }
      default:
        throw filterError(`unexpected '${tok.v}'.`);
    }
  };

  const parsePrimary = (): FilterExpr => {
    const tok = peek();
    if (!tok) throw filterError("unexpected end of the expression.");
    if (tok.t === "(") {
      next();
      const inner = parseOr();
      expect(")");
      return inner;
    }
    if (tok.t === "ident" && BOOL_FNS.has(tok.v.toLowerCase()) && tokens[pos + 1]?.t === "(") {
      next();
      next();
      const args: Operand[] = [parseOperand()];
      while (peek()?.t === ",") {
        next();
        args.push(parseOperand());
      }
      expect(")");
      if (args.length !== 2) throw filterError(`${tok.v} takes two arguments.`);
      return { type: "call", name: tok.v.toLowerCase() as "startswith", args };
    }
    const left = parseOperand();
    const opTok = peek();
    if (opTok?.t === "ident" && CMP.has(opTok.v.toLowerCase())) {
      next();
      const right = parseOperand();
      return { type: "cmp", op: opTok.v.toLowerCase() as "eq", left, right };
    }
    if (opTok?.t === "ident" && opTok.v.toLowerCase() === "in") {
      next();
      expect("(");
      const values: Operand[] = [];
      if (peek()?.t !== ")") {
        values.push(parseOperand());
        while (peek()?.t === ",") {
          next();
          values.push(parseOperand());
        }
      }
      expect(")");
      return { type: "in", left, values };
    }
    if (opTok?.t === "ident" && ["has", "add", "sub", "mul", "div", "mod"].includes(opTok.v.toLowerCase())) {
      throw new GraphError(400, "Request_UnsupportedQuery", `Unsupported operator '${opTok.v}' in filter clause.`);
    }
    if (left.kind === "path" || (left.kind === "literal" && typeof left.value === "boolean"))
      return { type: "operand", operand: left };
    throw filterError("expected a comparison.");
  };

  const parseNot = (): FilterExpr => {
    if (isKeyword("not")) {
      next();
      return { type: "not", expr: parseNot() };
    }
    return parsePrimary();
  };
  const parseAnd = (): FilterExpr => {
    let left = parseNot();
    while (isKeyword("and")) {
      next();
      left = { type: "and", left, right: parseNot() };
    }
    return left;
  };
  function parseOr(): FilterExpr {
    let left = parseAnd();
    while (isKeyword("or")) {
      next();
      left = { type: "or", left, right: parseAnd() };
    }
    return left;
  }

  const expr = parseOr();
  if (pos < tokens.length) throw filterError(`unexpected '${String(tokens[pos]?.v)}' at the end of the expression.`);
  return expr;
}

/** Reads a nested path ("fields/Title", "tags/$count") from a JSON object. */
export function getPath(item: unknown, path: readonly string[]): unknown {
  let cur: unknown = item;
  for (const seg of path) {
    if (seg === "$count") return Array.isArray(cur) ? cur.length : 0;
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** All property paths the expression reads (for validation against known properties). */
export function filterPaths(expr: FilterExpr): string[][] {
  const out: string[][] = [];
  const op = (o: Operand) => {
    if (o.kind === "path") out.push(o.path);
    else if (o.kind === "fn") op(o.arg);
  };
  const walk = (e: FilterExpr) => {
    switch (e.type) {
      case "and":
      case "or":
        walk(e.left);
        walk(e.right);
        break;
      case "not":
        walk(e.expr);
        break;
      case "cmp":
        op(e.left);
        op(e.right);
        break;
      case "in":
        op(e.left);
        e.values.forEach(op);
        break;
      case "call":
        e.args.forEach(op);
        break;
      case "operand":
        op(e.operand);
        break;
    }
  };
  walk(expr);
  return out;
}

export interface EvalOptions {
  /** String comparison is case-insensitive by default (as in Entra directory queries). */
  caseSensitive?: boolean;
  getField?: (item: unknown, path: readonly string[]) => unknown;
}

type Value = { v: unknown; dateTime?: boolean };

function evalOperand(o: Operand, item: unknown, opts: EvalOptions): Value {
  switch (o.kind) {
    case "literal":
      return { v: o.value, dateTime: o.dateTime };
    case "path":
      return { v: (opts.getField ?? getPath)(item, o.path) };
    case "fn": {
      const inner = evalOperand(o.arg, item, opts).v;
      if (typeof inner !== "string") return { v: inner };
      return { v: o.name === "tolower" ? inner.toLowerCase() : inner.toUpperCase() };
    }
  }
}

const norm = (v: unknown, opts: EvalOptions) => (typeof v === "string" && !opts.caseSensitive ? v.toLowerCase() : v);

/** Orders two values: numbers numerically, date-times by instant, strings ordinally. null/undefined first. */
export function compareValues(a: unknown, b: unknown, dateTime = false, opts: EvalOptions = {}): number {
  const an = a === undefined ? null : a;
  const bn = b === undefined ? null : b;
  if (an === null || bn === null) return an === bn ? 0 : an === null ? -1 : 1;
  if (dateTime && typeof an === "string" && typeof bn === "string") {
    const da = Date.parse(an);
    const db = Date.parse(bn);
    if (!Number.isNaN(da) && !Number.isNaN(db)) return da - db;
  }
  if (typeof an === "number" && typeof bn === "number") return an - bn;
  if (typeof an === "boolean" && typeof bn === "boolean") return Number(an) - Number(bn);
  const sa = String(norm(an, opts));
  const sb = String(norm(bn, opts));
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function equals(a: Value, b: Value, opts: EvalOptions): boolean {
  const av = a.v === undefined ? null : a.v;
  const bv = b.v === undefined ? null : b.v;
  if (av === null || bv === null) return av === bv;
  if (Array.isArray(av)) return av.some((x) => equals({ v: x }, b, opts));
  if (a.dateTime || b.dateTime) return compareValues(av, bv, true, opts) === 0;
  if (typeof av === "number" && typeof bv === "string") return String(av) === bv;
  if (typeof av === "string" && typeof bv === "number") return av === String(bv);
  return norm(av, opts) === norm(bv, opts);
}

export function evaluateFilter(expr: FilterExpr, item: unknown, opts: EvalOptions = {}): boolean {
  switch (expr.type) {
    case "and":
      return evaluateFilter(expr.left, item, opts) && evaluateFilter(expr.right, item, opts);
    case "or":
      return evaluateFilter(expr.left, item, opts) || evaluateFilter(expr.right, item, opts);
    case "not":
      return !evaluateFilter(expr.expr, item, opts);
    case "operand":
      return evalOperand(expr.operand, item, opts).v === true;
    case "in": {
      const left = evalOperand(expr.left, item, opts);
      return expr.values.some((v) => equals(left, evalOperand(v, item, opts), opts));
    }
    case "call": {
      const [a, b] = expr.args.map((x) => evalOperand(x, item, opts).v) as [unknown, unknown];
      if (typeof b !== "string") return false;
      const test = (s: unknown) => {
        if (typeof s !== "string") return false;
        const hay = norm(s, opts) as string;
        const needle = norm(b, opts) as string;
        return expr.name === "startswith"
          ? hay.startsWith(needle)
          : expr.name === "endswith"
            ? hay.endsWith(needle)
            : hay.includes(needle);
      };
      return Array.isArray(a) ? a.some(test) : test(a);
    }
    case "cmp": {
      const left = evalOperand(expr.left, item, opts);
      const right = evalOperand(expr.right, item, opts);
      if (expr.op === "eq") return equals(left, right, opts);
      if (expr.op === "ne") return !equals(left, right, opts);
      const lv = left.v === undefined ? null : left.v;
      const rv = right.v === undefined ? null : right.v;
      if (lv === null || rv === null) return false;
      const c = compareValues(lv, rv, Boolean(left.dateTime || right.dateTime), opts);
      return expr.op === "gt" ? c > 0 : expr.op === "ge" ? c >= 0 : expr.op === "lt" ? c < 0 : c <= 0;
    }
  }
}
