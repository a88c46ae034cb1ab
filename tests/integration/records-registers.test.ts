/**
 * 収受・発送簿 against the real local platform (Azurite, the local Microsoft 365 tenant, Kōmu's API
 * and job runner): numbering under concurrency, access, a registered PDF filed as a record carrying
 * its number (and found by it), a failed filing that voids its number instead of burning it,
 * voiding with a reason, and the Excel export parsed back.
 */
import { recordsSettingsEntity } from "@komu/functions/records/entities";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { fiscalYearOf, formatFiscalYear, jstDateString } from "@komu/shared";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
type Json = any;

const SCHOOL = "aoba-e";
let platform: RunningPlatform;
let clerk: string;
let teacher: string;
let principal: string;
const fiscalYear = fiscalYearOf(new Date());
const today = jstDateString(new Date());

beforeAll(async () => {
  platform = await startTestPlatform({ throttle: "off" });
  await platform.recordsReady; // the platform provisions every seeded school's library
  [clerk, teacher, principal] = await Promise.all([
    signIn(platform, KNOWN_USERS.aobaClerk.upn),
    signIn(platform, KNOWN_USERS.aobaTeacher.upn),
    signIn(platform, KNOWN_USERS.aobaPrincipal.upn),
  ]);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

async function call(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** A small, valid PDF whose bytes differ by `label`. */
const pdf = (label: string) =>
  new TextEncoder().encode(
    `%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

async function upload(token: string, fileName: string, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const res = await fetch(`${platform.url}/api/schools/${SCHOOL}/records/uploads`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/pdf",
      "x-komu-file-name": encodeURIComponent(fileName),
    },
    body: bytes,
  });
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.uploadId;
}

const line = (over: Record<string, unknown> = {}) => ({
  title: "学力調査の実施について（通知）",
  counterpart: "青葉町教育委員会",
  channel: "email",
  categoryCode: "G-03",
  ...over,
});

describe("収受・発送簿 on the local platform", () => {
  it("50 concurrent number requests by the clerk get 50 distinct consecutive numbers", async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(clerk, "POST", `/api/schools/${SCHOOL}/registers/dispatch`, line({ title: `発送文書 ${i + 1}` })),
      ),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(201);
    const serials = answers.map((a) => a.body.serial).sort((a: number, b: number) => a - b);
    expect(serials).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const numbers = new Set(answers.map((a) => a.body.number));
    expect(numbers.size).toBe(50);
    expect(numbers.has("青小第1号")).toBe(true);
    expect(numbers.has("青小第50号")).toBe(true);
    for (const a of answers) {
      expect(a.body).toMatchObject({ register: "dispatch", fiscalYear, date: today, status: "reserved" });
      expect(a.body.createdBy.name).toBe(KNOWN_USERS.aobaClerk.displayName);
    }

    const list = await call(teacher, "GET", `/api/schools/${SCHOOL}/registers/dispatch?fiscalYear=${fiscalYear}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: Json) => e.serial)).toEqual(serials);

    const assigned = await auditEvents("records.numberAssigned");
    expect(assigned.filter((e) => e.data.register === "dispatch")).toHaveLength(50);
  }, 120_000);

  it("a teacher may read the registers but not register (403); bad input takes no number", async () => {
    const refused = await call(teacher, "POST", `/api/schools/${SCHOOL}/registers/receipt`, line());
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
    const unknown = await call(
      clerk,
      "POST",
      `/api/schools/${SCHOOL}/registers/receipt`,
      line({ categoryCode: "Z-99" }),
    );
    expect(unknown.body.error.code).toBe("CATEGORY_UNKNOWN");
    const future = await call(
      clerk,
      "POST",
      `/api/schools/${SCHOOL}/registers/receipt`,
      line({ date: `${fiscalYear + 2}-01-10` }),
    );
    expect(future.status).toBe(400);
    const noUpload = await call(
      clerk,
      "POST",
      `/api/schools/${SCHOOL}/registers/receipt`,
      line({ uploadId: "u-missing" }),
    );
    expect(noUpload.body.error.code).toBe("UPLOAD_NOT_FOUND");
    const other = await call(clerk, "POST", "/api/schools/higashi-e/registers/receipt", line());
    expect(other.status).toBe(403);
    const receipts = await call(clerk, "GET", `/api/schools/${SCHOOL}/registers/receipt?fiscalYear=${fiscalYear}`);
    expect(receipts.body.items).toEqual([]);
  });

  it("a received PDF is filed as a record carrying its 受付番号, and the number finds it", async () => {
    const uploadId = await upload(clerk, "学力調査通知.pdf", pdf("receipt-1"));
    const res = await call(
      clerk,
      "POST",
      `/api/schools/${SCHOOL}/registers/receipt`,
      line({ uploadId, channel: "fax", note: "FAX 受信" }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ register: "receipt", serial: 1, number: "青小受第1号", status: "filed" });
    expect(res.body.recordId).toMatch(/^r\d+/);

    const found = await call(
      teacher,
      "GET",
      `/api/schools/${SCHOOL}/records?number=${encodeURIComponent("青小受第1号")}`,
    );
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(1);
    const record = found.body.items[0];
    expect(record).toMatchObject({
      id: res.body.recordId,
      status: "filed",
      number: { register: "receipt", fiscalYear, serial: 1, text: "青小受第1号" },
      related: { kind: "register", id: `receipt-${fiscalYear}-000001` },
      categoryCode: "G-03",
      fiscalYear,
    });
    // The document really is in the school's library.
    const settings = await platform.deps.storage.entities.repo(recordsSettingsEntity).require(SCHOOL, "settings");
    const driveId = settings.data.library?.driveId as string;
    const stored = await platform.deps.graph.app.api(`/drives/${driveId}/root:/${fiscalYear}年度`).get();
    expect(stored.folder).toBeDefined();

    const list = await call(clerk, "GET", `/api/schools/${SCHOOL}/registers/receipt`);
    expect(list.body.items.map((e: Json) => [e.number, e.status, e.recordId])).toEqual([
      ["青小受第1号", "filed", res.body.recordId],
    ]);
    // A filed line is final.
    const voidFiled = await call(
      clerk,
      "POST",
      `/api/schools/${SCHOOL}/registers/receipt/${fiscalYear}/1/void`,
      { reason: "誤登録" },
      { "if-match": list.body.items[0].etag },
    );
    expect(voidFiled.status).toBe(409);
    expect(voidFiled.body.error.code).toBe("REGISTER_ENTRY_FINAL");
  });

  it("a filing that fails after the number was taken voids the number with the reason (never burnt silently)", async () => {
    const repo = platform.deps.storage.entities.repo(recordsSettingsEntity);
    const settings = await repo.require(SCHOOL, "settings");
    const library = settings.data.library;
    if (!library) throw new Error("not provisioned");
    const uploadId = await upload(clerk, "返送.pdf", pdf("receipt-broken"));
    // The library moved away behind Kōmu's back: SharePoint answers 404 for the upload.
    const broken = await repo.update(
      SCHOOL,
      "settings",
      { library: { ...library, driveId: "b!gone-drive" } },
      settings.etag,
      { mode: "merge" },
    );
    let failed: Awaited<ReturnType<typeof call>>;
    try {
      failed = await call(clerk, "POST", `/api/schools/${SCHOOL}/registers/receipt`, line({ uploadId }));
    } finally {
      await repo.update(SCHOOL, "settings", { library }, broken.etag, { mode: "merge" });
    }
    expect(failed.status).toBeGreaterThanOrEqual(400);
    expect(failed.body.error.code).toBe("RECORD_FILING_FAILED");

    const list = await call(clerk, "GET", `/api/schools/${SCHOOL}/registers/receipt`);
    const second = list.body.items.find((e: Json) => e.serial === 2);
    expect(second).toMatchObject({ number: "青小受第2号", status: "voided" });
    expect(second.voidReason).toContain("保存失敗");
    const voided = await auditEvents("records.numberVoided");
    expect(voided.map((e) => [e.target.id, e.data.serial])).toContainEqual([`receipt-${fiscalYear}-000002`, 2]);

    // The next number follows: no gap, no reuse.
    const next = await call(clerk, "POST", `/api/schools/${SCHOOL}/registers/receipt`, line({ title: "次の文書" }));
    expect(next.body.serial).toBe(3);
  });

  it("voids a number with a reason (If-Match), once", async () => {
    const created = await call(
      clerk,
      "POST",
      `/api/schools/${SCHOOL}/registers/receipt`,
      line({ title: "取消する文書" }),
    );
    expect(created.status).toBe(201);
    const path = `/api/schools/${SCHOOL}/registers/receipt/${fiscalYear}/${created.body.serial}/void`;
    const noEtag = await call(clerk, "POST", path, { reason: "二重登録のため" });
    expect(noEtag.status).toBe(428);
    const stale = await call(
      clerk,
      "POST",
      path,
      { reason: "二重登録のため" },
      { "if-match": "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"" },
    );
    expect(stale.status).toBe(412);
    const byTeacher = await call(teacher, "POST", path, { reason: "x" }, { "if-match": created.body.etag });
    expect(byTeacher.status).toBe(403);
    const voided = await call(clerk, "POST", path, { reason: "二重登録のため" }, { "if-match": created.body.etag });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: "voided", voidReason: "二重登録のため" });
    const again = await call(clerk, "POST", path, { reason: "二重登録のため" }, { "if-match": created.body.etag });
    expect(again.status).toBe(200);
    const otherReason = await call(clerk, "POST", path, { reason: "別の理由" }, { "if-match": voided.body.etag });
    expect(otherReason.body.error.code).toBe("REGISTER_ENTRY_FINAL");
    const missing = await call(clerk, "POST", `/api/schools/${SCHOOL}/registers/receipt/${fiscalYear}/999/void`, {
      reason: "x",
    });
    expect(missing.status).toBe(404);
  });

  it("a retried request with the same Idempotency-Key gets the same number, not a new one", async () => {
    const key = { "idempotency-key": `register-retry-${Date.now()}` };
    const body = line({ title: "再送される登録" });
    const first = await call(clerk, "POST", `/api/schools/${SCHOOL}/registers/receipt`, body, key);
    const retry = await call(clerk, "POST", `/api/schools/${SCHOOL}/registers/receipt`, body, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.number).toBe(first.body.number);
    const list = await call(clerk, "GET", `/api/schools/${SCHOOL}/registers/receipt`);
    expect(list.body.items.filter((e: Json) => e.title === "再送される登録")).toHaveLength(1);
  });

  it("exports a register year to Excel: title, Japanese headers, one text row per line", async () => {
    await call(
      clerk,
      "POST",
      `/api/schools/${SCHOOL}/registers/dispatch`,
      line({ title: '=HYPERLINK("http://evil.example","click")', counterpart: "+81-3-0000-0000" }),
    );
    const res = await fetch(
      `${platform.url}/api/schools/${SCHOOL}/registers/dispatch/export?fiscalYear=${fiscalYear}`,
      {
        headers: { authorization: `Bearer ${principal}` },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).toContain(`filename="dispatch-${fiscalYear}-${SCHOOL}.xlsx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`発送簿_${fiscalYear}年度_青葉小学校.xlsx`)}`);

    const workbook = new ExcelJS.Workbook();
    // biome-ignore lint/suspicious/noExplicitAny: exceljs's load() wants its own Buffer type
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no worksheet");
    expect(sheet.getCell("A1").value).toBe(`${formatFiscalYear(fiscalYear)} 発送簿 青葉小学校`);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 6)).toEqual([
      "文書番号",
      "発送日",
      "発送日（ISO）",
      "宛先",
      "件名",
    ]);
    expect(sheet.rowCount).toBe(2 + 51);
    expect(sheet.getCell("A3").value).toBe("青小第1号");
    expect(sheet.getCell("C3").value).toBe(today);
    const last = sheet.getRow(53);
    expect(last.getCell(1).value).toBe("青小第51号");
    expect(last.getCell(5).value).toBe('=HYPERLINK("http://evil.example","click")');
    expect(last.getCell(5).type).toBe(ExcelJS.ValueType.String);
    expect(last.getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(last.getCell(8).value).toBe("電子メール");
  });
});

async function auditEvents(kind: string): Promise<Json[]> {
  const out: Json[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await platform.deps.storage.audit.list(SCHOOL, {
      limit: 1000,
      ...(continuationToken ? { continuationToken } : {}),
    });
    out.push(...page.items.map((r) => r.event).filter((e) => e.kind === kind));
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return out;
}
