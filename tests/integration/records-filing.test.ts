/**
 * The records library (学校文書) against the real local platform: Azurite (tables, queues, blobs),
 * the local Microsoft 365 tenant (SharePoint with its RU accounting) and Kōmu's API.
 * Provisioning twice (idempotent, RU of each run), filing and finding a PDF by 年度, category,
 * number and words, a 12 MiB file through an upload session and back byte-identical, a new
 * version, bad input refused with nothing left behind, and access by classification.
 */
import { createHash } from "node:crypto";
import { fileRecord } from "@komu/functions/records/filing/file-record";
import { provisionSchool } from "@komu/functions/records/provision/provision-school";
import { RECORD_COLUMNS } from "@komu/functions/records/sharepoint/columns";
import { docxBytes, exeBytes, pdfOfSize, zipBytes } from "@komu/functions/records/staging/test-files";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { fiscalYearOf } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = any;

const SCHOOL = "aoba-e";
const FY = fiscalYearOf(new Date());
let platform: RunningPlatform;
const tokens: Record<string, string> = {};

interface DriveItemLike {
  driveId: string;
  parentId: string | null;
  name: string;
  isFolder: boolean;
  fields: Record<string, unknown>;
}

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "documented" });
  await platform.recordsReady;
  const users = {
    teacher: KNOWN_USERS.aobaTeacher.upn,
    headTeacher: KNOWN_USERS.aobaHeadTeacher.upn,
    principal: KNOWN_USERS.aobaPrincipal.upn,
    student: KNOWN_USERS.aobaStudent.upn,
    nurse: KNOWN_USERS.aobaNurse.upn,
    admin: KNOWN_USERS.boardAdmin.upn,
  };
  for (const [k, upn] of Object.entries(users)) tokens[k] = await signIn(platform, upn);
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

async function call(
  who: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: Json = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

async function upload(who: string, fileName: string, bytes: Uint8Array) {
  const res = await fetch(`${platform.url}/api/schools/${SCHOOL}/records/uploads`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      "content-type": "application/octet-stream",
      "x-komu-file-name": encodeURIComponent(fileName),
    },
    body: Buffer.from(bytes),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** The library's drive items as the tenant holds them. */
function libraryItems(): DriveItemLike[] {
  const school = platform.tenant.ctx.store.collection<{ id: string; siteId: string }>("schools").get(SCHOOL);
  if (!school) throw new Error("no school");
  const lists = platform.tenant.ctx.store.collection<{ displayName: string; driveId?: string; siteId: string }>(
    "sp.lists",
  );
  const library = [...lists.values()].find(
    (l) => l.displayName === "学校文書" && l.driveId && l.siteId === school.siteId,
  );
  if (!library) return [];
  return [...platform.tenant.ctx.store.collection<DriveItemLike>("sp.items").values()].filter(
    (i) => i.driveId === library.driveId && i.parentId !== null,
  );
}

const filesIn = () => libraryItems().filter((i) => !i.isFolder);

async function tenantRu(): Promise<number> {
  const body = (await (await fetch(`${platform.tenant.origin}/_emulator/stats`)).json()) as {
    totals: { resourceUnits: number };
  };
  return body.totals.resourceUnits;
}

describe("provisioning", () => {
  it("makes the library with its columns and this 年度's folders; a second run changes nothing and only reads", async () => {
    const reports = await platform.recordsReady;
    const first = reports.find((r) => r.schoolId === SCHOOL);
    expect(first).toMatchObject({ library: "created", settings: "created", filePlan: "created" });
    expect(first?.columnsAdded).toEqual(RECORD_COLUMNS.map((c) => c.name));
    expect(first?.foldersCreated).toBeGreaterThan(10);
    const folders = libraryItems().filter((i) => i.isFolder);
    expect(folders.some((f) => f.name === `${FY}年度`)).toBe(true);
    expect(folders.some((f) => f.name === "A-03 出席簿")).toBe(true);

    const records = platform.deps.records;
    if (!records) throw new Error("records module not wired");
    const before = await tenantRu();
    const second = await provisionSchool(records, {
      schoolId: SCHOOL,
      name: "青葉小学校",
      abbreviation: "青小",
      kind: "elementary",
    });
    const spent = (await tenantRu()) - before;
    expect(second).toMatchObject({ library: "existing", columnsAdded: [], foldersCreated: 0, settings: "unchanged" });
    expect(libraryItems().filter((i) => i.isFolder)).toHaveLength(folders.length);
    console.info(
      `records provisioning ${SCHOOL}: first run ${first?.graphCalls} Graph calls / ${first?.resourceUnits} RU (estimated), second run ${second.graphCalls} calls / ${second.resourceUnits} RU estimated, ${spent} RU charged by the tenant`,
    );
    expect(spent).toBeLessThanOrEqual(6);
    expect(second.resourceUnits).toBe(spent);
  });

  it("only administrators provision through the API; a dry run reports the plan without writing", async () => {
    expect((await call("principal", "POST", `/api/schools/${SCHOOL}/records/provision`)).status).toBe(403);
    const dry = await call("admin", "POST", `/api/schools/${SCHOOL}/records/provision`, { dryRun: true });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, library: "existing", foldersCreated: 0, columnsAdded: [] });
  });
});

describe("filing and finding", () => {
  let filed: Json;

  it("files a PDF in ≤ 3 Graph calls / ≤ 6 RU and finds it by 年度, category and words", async () => {
    const up = await upload("teacher", "学年だより 4月号.pdf", pdfOfSize(2048, 7));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ fileName: "学年だより 4月号.pdf", mimeType: "application/pdf", size: 2048 });

    const calls = platform.deps.graph.calls;
    calls.reset();
    const before = await tenantRu();
    const res = await call("teacher", "POST", `/api/schools/${SCHOOL}/records`, {
      uploadId: up.body.uploadId,
      title: "学年だより（4月号）",
      fiscalYear: FY,
      categoryCode: "C-04",
      note: "保護者配布",
    });
    const ru = (await tenantRu()) - before;
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    filed = res.body;
    expect(filed).toMatchObject({
      status: "filed",
      versionCount: 1,
      categoryCode: "C-04",
      fileName: "学年だより 4月号.pdf",
    });
    const sharePointCalls = Object.entries(calls.snapshot())
      .filter(([op]) => / \/(drives|sites|search)/.test(op))
      .reduce((n, [, c]) => n + c, 0);
    console.info(
      `records filing (small PDF, warm folder): ${sharePointCalls} Graph calls, ${ru} RU — ${JSON.stringify(calls.snapshot())}`,
    );
    expect(sharePointCalls).toBeLessThanOrEqual(3);
    expect(ru).toBeLessThanOrEqual(6);

    const item = filesIn().find((i) => i.fields.KomuRecordId === filed.id);
    expect(item?.name).toBe("学年だより 4月号.pdf");
    expect(item?.fields).toMatchObject({ KomuFiscalYear: FY, KomuClassification: "III", Title: "学年だより（4月号）" });

    for (const query of [`fiscalYear=${FY}`, "categoryCode=C-04", `q=${encodeURIComponent("4月号 保護者")}`]) {
      const list = await call("headTeacher", "GET", `/api/schools/${SCHOOL}/records?${query}`);
      expect(list.status).toBe(200);
      expect(
        list.body.items.map((r: Json) => r.id),
        query,
      ).toContain(filed.id);
    }
    const none = await call("headTeacher", "GET", `/api/schools/${SCHOOL}/records?categoryCode=A-03`);
    expect(none.body.items.map((r: Json) => r.id)).not.toContain(filed.id);
    const viaSearch = await call(
      "headTeacher",
      "GET",
      `/api/schools/${SCHOOL}/records?q=${encodeURIComponent("学年だより")}`,
    );
    expect(viaSearch.body.searched).toBe("fulltext");
    // The category's name is only in SharePoint's fields, not in Kōmu's index: Graph search finds it.
    const fulltextOnly = await call(
      "headTeacher",
      "GET",
      `/api/schools/${SCHOOL}/records?q=${encodeURIComponent("教科用図書配当表")}`,
    );
    expect(fulltextOnly.body).toMatchObject({ searched: "fulltext" });
    expect(fulltextOnly.body.items.map((r: Json) => r.id)).toContain(filed.id);
  });

  it("finds a record by its number, whole or the serial alone", async () => {
    const records = platform.deps.records;
    if (!records) throw new Error("records module not wired");
    const up = await upload("teacher", "県教委通知.pdf", pdfOfSize(1500, 9));
    const { record } = await fileRecord(records, {
      schoolId: SCHOOL,
      input: { uploadId: up.body.uploadId, title: "県教委からの通知", fiscalYear: FY, categoryCode: "C-04" },
      actor: { oid: KNOWN_USERS.aobaClerk.id, name: KNOWN_USERS.aobaClerk.displayName },
      number: { register: "receipt", fiscalYear: FY, serial: 7, text: "青小受第7号" },
    });
    for (const n of ["青小受第7号", "7"]) {
      const list = await call("teacher", "GET", `/api/schools/${SCHOOL}/records?number=${encodeURIComponent(n)}`);
      expect(
        list.body.items.map((r: Json) => r.id),
        n,
      ).toEqual([record.id]);
    }
  });

  it("a 12 MiB file goes through an upload session and comes back byte-identical", async () => {
    const bytes = pdfOfSize(12 * 1024 * 1024, 3);
    const up = await upload("teacher", "学校要覧.pdf", bytes);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    platform.deps.graph.calls.reset();
    const res = await call("teacher", "POST", `/api/schools/${SCHOOL}/records`, {
      uploadId: up.body.uploadId,
      title: "学校要覧",
      fiscalYear: FY,
      categoryCode: "C-04",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const ops = platform.deps.graph.calls.snapshot();
    expect(Object.keys(ops).some((op) => op.endsWith("/createUploadSession"))).toBe(true);
    expect(ops["PUT {uploadUrl}"]).toBe(2);

    const content = await fetch(`${platform.url}/api/schools/${SCHOOL}/records/${res.body.id}/content`, {
      headers: { authorization: `Bearer ${tokens.teacher}` },
    });
    expect(content.status).toBe(200);
    expect(content.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("学校要覧.pdf")}`,
    );
    const back = new Uint8Array(await content.arrayBuffer());
    expect(back.byteLength).toBe(bytes.byteLength);
    expect(createHash("sha256").update(back).digest("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("a new version replaces the content of the same item and is counted", async () => {
    const up = await upload("teacher", "学年だより 4月号.pdf", pdfOfSize(3000, 11));
    const stale = await call(
      "teacher",
      "POST",
      `/api/schools/${SCHOOL}/records/${filed.id}/versions`,
      { uploadId: up.body.uploadId },
      { "if-match": "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"" },
    );
    expect(stale.status).toBe(412);
    const res = await call(
      "teacher",
      "POST",
      `/api/schools/${SCHOOL}/records/${filed.id}/versions`,
      { uploadId: up.body.uploadId },
      { "if-match": filed.etag },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ versionCount: 2, size: 3000 });
    const versions = await call("teacher", "GET", `/api/schools/${SCHOOL}/records/${filed.id}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.items.map((v: Json) => v.size)).toEqual([3000, 2048]);
    expect(filesIn().filter((i) => i.fields.KomuRecordId === filed.id)).toHaveLength(1);
  });
});

describe("bad input is refused and leaves nothing behind", () => {
  it("disguised files, bad names, unknown categories and future 年度", async () => {
    const before = filesIn().length;
    const countIndex = async () =>
      (await call("principal", "GET", `/api/schools/${SCHOOL}/records?limit=200`)).body.items.length as number;
    const indexBefore = await countIndex();

    expect((await upload("teacher", "請求書.pdf", exeBytes())).body.error.code).toBe("FILE_TYPE_MISMATCH");
    expect((await upload("teacher", "報告.docx", await zipBytes())).body.error.code).toBe("FILE_TYPE_MISMATCH");
    expect((await upload("teacher", "集計.xlsx", pdfOfSize(900))).body.error.code).toBe("FILE_TYPE_MISMATCH");
    expect((await upload("teacher", "setup.exe", exeBytes())).status).toBe(415);
    for (const name of ["a/b.pdf", "会議:資料.pdf"]) {
      const r = await upload("teacher", name, pdfOfSize(900));
      expect(r.status, name).toBe(400);
      expect(r.body.error.code).toBe("FILE_NAME_INVALID");
      expect(r.body.error.details.reason.ja).toBeTruthy();
    }
    expect((await upload("teacher", "空.pdf", new Uint8Array())).body.error.code).toBe("FILE_EMPTY");

    const ok = await upload("teacher", "議事録.docx", await docxBytes());
    expect(ok.status).toBe(201);
    const unknown = await call("teacher", "POST", `/api/schools/${SCHOOL}/records`, {
      uploadId: ok.body.uploadId,
      title: "x",
      fiscalYear: FY,
      categoryCode: "Z-99",
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe("CATEGORY_UNKNOWN");
    const future = await call("teacher", "POST", `/api/schools/${SCHOOL}/records`, {
      uploadId: ok.body.uploadId,
      title: "x",
      fiscalYear: FY + 1,
      categoryCode: "C-04",
    });
    expect(future.body.error.code).toBe("FISCAL_YEAR_IN_FUTURE");
    const lower = await call("teacher", "POST", `/api/schools/${SCHOOL}/records`, {
      uploadId: ok.body.uploadId,
      title: "x",
      fiscalYear: FY,
      categoryCode: "A-03",
      classification: "III",
    });
    expect(lower.body.error.code).toBe("CLASSIFICATION_TOO_LOW");

    expect(filesIn()).toHaveLength(before);
    expect(await countIndex()).toBe(indexBefore);
  });

  it("a file over the limit is refused with the limit in details", async () => {
    const res = await fetch(`${platform.url}/api/schools/${SCHOOL}/records/uploads`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${tokens.teacher}`,
        "x-komu-file-name": "big.pdf",
        "content-length": String(101 * 1024 * 1024),
      },
      body: Buffer.alloc(101 * 1024 * 1024),
    });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(413);
    expect(body.error).toMatchObject({ code: "FILE_TOO_LARGE", details: { maxBytes: 100 * 1024 * 1024 } });
  });
});

describe("access by classification", () => {
  let secret: Json;

  beforeAll(async () => {
    const up = await upload("headTeacher", "指導要録.pdf", pdfOfSize(1200, 21));
    const res = await call("headTeacher", "POST", `/api/schools/${SCHOOL}/records`, {
      uploadId: up.body.uploadId,
      title: "指導要録（3年1組）",
      fiscalYear: FY,
      categoryCode: "A-02",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    secret = res.body;
    expect(secret.classification).toBe("I");
  });

  it("a teacher cannot read another teacher's class I record; the principal can and the read is audited", async () => {
    expect((await call("teacher", "GET", `/api/schools/${SCHOOL}/records/${secret.id}`)).status).toBe(403);
    expect((await call("teacher", "GET", `/api/schools/${SCHOOL}/records/${secret.id}/content`)).status).toBe(403);
    const list = await call("teacher", "GET", `/api/schools/${SCHOOL}/records?categoryCode=A-02`);
    expect(list.body.items.map((r: Json) => r.id)).not.toContain(secret.id);

    expect((await call("headTeacher", "GET", `/api/schools/${SCHOOL}/records/${secret.id}`)).status).toBe(200);
    const read = await call("principal", "GET", `/api/schools/${SCHOOL}/records/${secret.id}`);
    expect(read.status).toBe(200);
    const content = await fetch(`${platform.url}/api/schools/${SCHOOL}/records/${secret.id}/content`, {
      headers: { authorization: `Bearer ${tokens.principal}` },
    });
    expect(content.status).toBe(200);
    const { items } = await platform.deps.storage.audit.list(SCHOOL, { limit: 500 });
    const viewed = items
      .map((e: Json) => e.event ?? e)
      .filter((e: Json) => e.kind === "records.viewed" && e.target.id === secret.id);
    expect(viewed.map((e: Json) => [e.actor.oid, e.data.how])).toEqual(
      expect.arrayContaining([
        [KNOWN_USERS.aobaPrincipal.id, "metadata"],
        [KNOWN_USERS.aobaPrincipal.id, "content"],
      ]),
    );
  });

  it("students never", async () => {
    expect((await call("student", "GET", `/api/schools/${SCHOOL}/records`)).status).toBe(403);
    expect((await call("student", "GET", `/api/schools/${SCHOOL}/records/${secret.id}`)).status).toBe(403);
    expect((await upload("student", "x.pdf", pdfOfSize(900))).status).toBe(403);
  });
});

describe("retention labels", () => {
  it("applies the Purview label the tenant maps to the period (3 calls / 6 RU), else only metadata", async () => {
    const records = platform.deps.records;
    if (!records) throw new Error("records module not wired");
    records.config.retentionLabels["5"] = "学校文書 5年";
    try {
      const up = await upload("teacher", "学校日誌 5月.pdf", pdfOfSize(1800, 31));
      platform.deps.graph.calls.reset();
      const before = await tenantRu();
      const res = await call("teacher", "POST", `/api/schools/${SCHOOL}/records`, {
        uploadId: up.body.uploadId,
        title: "学校日誌（5月）",
        fiscalYear: FY,
        categoryCode: "C-02",
      });
      const ru = (await tenantRu()) - before;
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ retention: "5", retentionLabel: "学校文書 5年" });
      expect(ru).toBeLessThanOrEqual(6);
      const item = filesIn().find((i) => i.fields.KomuRecordId === res.body.id) as DriveItemLike & {
        retentionLabel?: { name: string };
      };
      expect(item.retentionLabel?.name).toBe("学校文書 5年");
      expect(item.fields.KomuRetention).toBe("5年");
    } finally {
      delete records.config.retentionLabels["5"];
    }
  });
});

describe("file plan and settings", () => {
  it("replaces the plan with If-Match; a category in use may be retired, not deleted; changes are audited", async () => {
    const got = await call("teacher", "GET", `/api/schools/${SCHOOL}/records/file-plan`);
    expect(got.status).toBe(200);
    const plan = got.body.plan;
    expect(
      (await call("teacher", "PUT", `/api/schools/${SCHOOL}/records/file-plan`, plan, { "if-match": got.body.etag }))
        .status,
    ).toBe(403);
    expect((await call("principal", "PUT", `/api/schools/${SCHOOL}/records/file-plan`, plan)).status).toBe(428);

    const withoutC04 = { ...plan, categories: plan.categories.filter((c: Json) => c.code !== "C-04") };
    const refused = await call("principal", "PUT", `/api/schools/${SCHOOL}/records/file-plan`, withoutC04, {
      "if-match": got.body.etag,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ categoryCode: "C-04", reason: "inUse" });

    const retired = {
      ...plan,
      categories: plan.categories.map((c: Json) => (c.code === "C-04" ? { ...c, retired: true } : c)),
    };
    const ok = await call("principal", "PUT", `/api/schools/${SCHOOL}/records/file-plan`, retired, {
      "if-match": got.body.etag,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const stale = await call("principal", "PUT", `/api/schools/${SCHOOL}/records/file-plan`, plan, {
      "if-match": got.body.etag,
    });
    expect(stale.status).toBe(412);

    const up = await upload("teacher", "配当表.pdf", pdfOfSize(900, 41));
    const onRetired = await call("teacher", "POST", `/api/schools/${SCHOOL}/records`, {
      uploadId: up.body.uploadId,
      title: "x",
      fiscalYear: FY,
      categoryCode: "C-04",
    });
    expect(onRetired.body.error).toMatchObject({ code: "CATEGORY_UNKNOWN", details: { reason: "retired" } });

    const { items } = await platform.deps.storage.audit.list(SCHOOL, { limit: 1000 });
    const changed = items
      .map((r) => r.event)
      .flatMap((e) => (e.kind === "records.configChanged" && e.data.what === "filePlan" ? [e.data] : []));
    expect(changed.at(-1)?.changes?.["C-04"]).toMatchObject({ from: { retired: false }, to: { retired: true } });
  });

  it("settings: 略称 and number formats, If-Match, bad formats refused", async () => {
    const got = await call("principal", "GET", `/api/schools/${SCHOOL}/records/settings`);
    expect(got.body).toMatchObject({ schoolKind: "elementary", abbreviation: "青小" });
    expect(got.body.library.webUrl).toBeTruthy();
    const bad = await call(
      "principal",
      "PUT",
      `/api/schools/${SCHOOL}/records/settings`,
      { ...got.body, numberFormats: { receipt: "{略称}受第号", dispatch: "{略称}第{番号}号" } },
      { "if-match": got.body.etag },
    );
    expect(bad.status).toBe(400);
    const { schoolKind, abbreviation, numberFormats } = got.body;
    const ok = await call(
      "principal",
      "PUT",
      `/api/schools/${SCHOOL}/records/settings`,
      { schoolKind, abbreviation, numberFormats: { ...numberFormats, dispatch: "{和暦年度}年度{略称}第{番号}号" } },
      { "if-match": got.body.etag },
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.numberFormats.dispatch).toBe("{和暦年度}年度{略称}第{番号}号");
  });
});
