import { describe, expect, it } from "vitest";
import { GraphError } from "../context.js";
import {
  applyQuery,
  collectionBody,
  evaluateFilter,
  type ODataPage,
  parseFilter,
  parseQuery,
  queryCollection,
  readOptions,
  withSkipToken,
} from "./odata.js";

const people = [
  {
    id: "1",
    displayName: "佐藤 花子",
    mail: "sato.hanako@aoba-edu.example",
    age: 41,
    active: true,
    fields: { Title: "O'Brien", Grade: 3 },
    created: "2026-04-01T00:00:00Z",
    tags: ["a", "b"],
  },
  {
    id: "2",
    displayName: "鈴木 一郎",
    mail: "suzuki.ichiro@aoba-edu.example",
    age: 35,
    active: false,
    fields: { Title: "Plan", Grade: 1 },
    created: "2026-05-01T09:00:00Z",
    tags: [],
  },
  {
    id: "3",
    displayName: "Adams",
    mail: null,
    age: 35,
    active: true,
    fields: { Title: "plan B", Grade: 2 },
    created: "2025-12-31T23:59:59Z",
    tags: ["c"],
  },
  {
    id: "4",
    displayName: "adele",
    mail: "adele@contoso.example",
    age: 52,
    active: true,
    fields: { Title: null, Grade: 3 },
    created: "2026-01-15T00:00:00Z",
    tags: ["a"],
  },
];

const ids = (filter: string) => people.filter((p) => evaluateFilter(parseFilter(filter), p)).map((p) => p.id);
const run = (qs: string, extra: Parameters<typeof applyQuery>[2] extends infer O ? Partial<O> : never = {}) =>
  applyQuery(people, parseQuery(readOptions(new URL(`https://t.example/v1.0/x?${qs}`)), { maxTop: 999 }), {
    requestUrl: `https://t.example/v1.0/x?${qs}`,
    ...extra,
  });

function expectGraphError(fn: () => unknown, status: number, code?: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GraphError);
    expect((e as GraphError).status).toBe(status);
    if (code) expect((e as GraphError).code).toBe(code);
    return e as GraphError;
  }
  throw new Error("expected a GraphError");
}

describe("$filter", () => {
  it("compares with eq/ne/gt/ge/lt/le on numbers and strings", () => {
    expect(ids("age eq 35")).toEqual(["2", "3"]);
    expect(ids("age ne 35")).toEqual(["1", "4"]);
    expect(ids("age gt 41")).toEqual(["4"]);
    expect(ids("age ge 41")).toEqual(["1", "4"]);
    expect(ids("age lt 41")).toEqual(["2", "3"]);
    expect(ids("age le 35")).toEqual(["2", "3"]);
    expect(ids("displayName eq 'Adams'")).toEqual(["3"]);
  });
  it("string equality is case-insensitive like the directory, unless asked", () => {
    expect(ids("displayName eq 'ADAMS'")).toEqual(["3"]);
    expect(
      people.filter((p) => evaluateFilter(parseFilter("displayName eq 'ADAMS'"), p, { caseSensitive: true })),
    ).toEqual([]);
  });
  it("combines and/or/not with parentheses and precedence", () => {
    expect(ids("age eq 35 and active eq true")).toEqual(["3"]);
    expect(ids("age eq 52 or age eq 41 and active eq false")).toEqual(["4"]);
    expect(ids("(age eq 52 or age eq 41) and active eq true")).toEqual(["1", "4"]);
    expect(ids("not (age eq 35)")).toEqual(["1", "4"]);
    expect(ids("not startswith(displayName,'ad')")).toEqual(["1", "2"]);
  });
  it("supports startswith, endswith, contains and in", () => {
    expect(ids("startswith(displayName,'a')")).toEqual(["3", "4"]);
    expect(ids("endswith(mail,'@aoba-edu.example')")).toEqual(["1", "2"]);
    expect(ids("contains(displayName, '一郎')")).toEqual(["2"]);
    expect(ids("id in ('1', '4', '9')")).toEqual(["1", "4"]);
    expect(ids("startswith(displayName,'佐藤')")).toEqual(["1"]);
  });
  it("handles '' escaping, null, booleans and nested paths", () => {
    expect(ids("fields/Title eq 'O''Brien'")).toEqual(["1"]);
    expect(ids("mail eq null")).toEqual(["3"]);
    expect(ids("mail ne null")).toEqual(["1", "2", "4"]);
    expect(ids("fields/Title eq null")).toEqual(["4"]);
    expect(ids("active eq false")).toEqual(["2"]);
    expect(ids("fields/Grade ge 3")).toEqual(["1", "4"]);
    expect(ids("active")).toEqual(["1", "3", "4"]);
  });
  it("compares date-times by instant and counts arrays with /$count", () => {
    expect(ids("created ge 2026-01-01T00:00:00Z")).toEqual(["1", "2", "4"]);
    expect(ids("created lt 2026-01-01T09:00:00+09:00")).toEqual(["3"]);
    expect(ids("tags/$count gt 0")).toEqual(["1", "3", "4"]);
    expect(ids("tags eq 'a'")).toEqual(["1", "4"]);
  });
  it("rejects bad syntax with 400 BadRequest", () => {
    for (const bad of [
      "age eq",
      "age eq 'x",
      "(age eq 1",
      "age eq 1)",
      "age eq 1 and",
      "age equals 1",
      "",
      "'x'",
      "startswith(displayName)",
    ]) {
      expectGraphError(() => parseFilter(bad), 400, "BadRequest");
    }
  });
  it("rejects unsupported functions and operators with Request_UnsupportedQuery", () => {
    expectGraphError(() => parseFilter("substringof('a', displayName)"), 400, "Request_UnsupportedQuery");
    expectGraphError(() => parseFilter("age add 1 eq 2"), 400, "Request_UnsupportedQuery");
  });
});

describe("query options", () => {
  it("$select projects and keeps @odata annotations", () => {
    const page = applyQuery([{ "@odata.type": "#x", id: "1", a: 1, b: 2 }], parseQuery({ select: "id,b" }), {
      requestUrl: "https://t/v1.0/x",
    });
    expect(page.value).toEqual([{ "@odata.type": "#x", id: "1", b: 2 }]);
  });
  it("$orderby sorts on several keys asc/desc", () => {
    expect(run("$orderby=age desc,displayName").value.map((p) => (p as { id: string }).id)).toEqual([
      "4",
      "1",
      "3",
      "2",
    ]);
    expect(run("$orderby=age,displayName desc").value.map((p) => (p as { id: string }).id)).toEqual([
      "2",
      "3",
      "1",
      "4",
    ]);
    expect(run("$orderby=fields/Grade desc,id").value.map((p) => (p as { id: string }).id)).toEqual([
      "1",
      "4",
      "3",
      "2",
    ]);
  });
  it("pages with $top and a working absolute @odata.nextLink until the end", () => {
    const seen: string[] = [];
    let url: string | undefined = "https://t.example/v1.0/x?$top=3&$orderby=id&$select=id";
    let pages = 0;
    while (url) {
      const { page }: { page: ODataPage } = queryCollection(people, url, { maxTop: 999 });
      seen.push(...page.value.map((p) => (p as { id: string }).id));
      expect(page.value.every((p) => Object.keys(p as object).join() === "id")).toBe(true);
      url = page.nextLink;
      if (url) expect(url).toMatch(/^https:\/\/t\.example\/v1\.0\/x\?\$top=3&\$orderby=id&\$select=id&\$skiptoken=/);
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(["1", "2", "3", "4"]);
  });
  it("uses the default page size and $skip", () => {
    const page = applyQuery(people, parseQuery({ skip: "1" }), {
      requestUrl: "https://t/v1.0/x?$skip=1",
      defaultPageSize: 2,
    });
    expect(page.value.map((p) => (p as { id: string }).id)).toEqual(["2", "3"]);
    expect(page.nextLink).toBeDefined();
    expect(new URL(page.nextLink as string).searchParams.has("$skip")).toBe(false);
    const rest = queryCollection(people, page.nextLink as string, { defaultPageSize: 2 });
    expect(rest.page.value.map((p) => (p as { id: string }).id)).toEqual(["4"]);
    expect(rest.page.nextLink).toBeUndefined();
  });
  it("$count=true gives the filtered total regardless of paging", () => {
    const page = run("$count=true&$top=1&$filter=age eq 35");
    expect(page.count).toBe(2);
    expect(page.value).toHaveLength(1);
    expect(collectionBody(page, "ctx")).toMatchObject({ "@odata.context": "ctx", "@odata.count": 2 });
  });
  it("accepts options without the $ prefix and refuses unknown $options and bad values", () => {
    expect(run("top=1").value).toHaveLength(1);
    expectGraphError(() => readOptions(new URL("https://t/x?$foo=1")), 400, "BadRequest");
    expectGraphError(() => parseQuery({ top: "-1" }), 400);
    expectGraphError(() => parseQuery({ top: "1000" }, { maxTop: 999 }), 400);
    expectGraphError(() => parseQuery({ orderby: "age sideways" }), 400);
    expectGraphError(() => parseQuery({ count: "maybe" }), 400);
    expectGraphError(() => run("$skiptoken=nonsense"), 400);
  });
  it("refuses unknown properties when the type's properties are given", () => {
    const e = expectGraphError(
      () => run("$select=id,shoeSize", { properties: ["id", "displayName"], typeName: "microsoft.graph.user" }),
      400,
    );
    expect(e.message).toContain("shoeSize");
    expectGraphError(() => run("$filter=shoeSize eq 1", { properties: ["id"] }), 400);
  });
  it("parses $expand with nested options and calls the hook", () => {
    const q = parseQuery({ expand: "fields($select=Title,Grade;$filter=Grade eq 3),owner" });
    expect(q.expand?.map((e) => e.name)).toEqual(["fields", "owner"]);
    expect(q.expand?.[0]?.query.select).toEqual(["Title", "Grade"]);
    const page = applyQuery(people.slice(0, 1), q, {
      requestUrl: "https://t/x",
      expand: (item, e) => ({ ...item, [`expanded_${e.name}`]: e.query.select?.length ?? 0 }),
    });
    expect(page.value[0]).toMatchObject({ expanded_fields: 2, expanded_owner: 0 });
  });
  it('$search matches "property:value" terms, OR-ed', () => {
    expect(run('$search="displayName:ad"').value.map((p) => (p as { id: string }).id)).toEqual(["3", "4"]);
    expect(run('$search="displayName:佐藤" OR "mail:suzuki"').value.map((p) => (p as { id: string }).id)).toEqual([
      "1",
      "2",
    ]);
    expectGraphError(() => run("$search=displayName:ad"), 400);
  });
  it("withSkipToken keeps other options verbatim", () => {
    expect(withSkipToken("https://h/v1.0/users?$top=5&$skip=3&$filter=a%20eq%20'b'", "T")).toBe(
      "https://h/v1.0/users?$top=5&$filter=a%20eq%20%27b%27&$skiptoken=T",
    );
  });
});
