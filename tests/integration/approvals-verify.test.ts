/**
 * POST /api/approvals/verify through the real API host: a PDF sealed by sealPdf and recorded
 * with recordSeal (Azure Tables in Azurite), then uploaded by staff of the school, staff of
 * another school, a student, and altered copies.
 */

import { sealPdf } from "@komu/functions/approvals/pdf/seal-pdf";
import { recordSeal } from "@komu/functions/approvals/pdf/seal-registry";
import { appendBlankPage, plainPdf, sealInput } from "@komu/functions/approvals/pdf/testing";
import type { RunningPlatform } from "@komu/local/platform";
import { KNOWN_USERS } from "@komu/local/tenant/seed/known";
import { SealVerificationView } from "@komu/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform } from "../support/platform.js";
import { signIn } from "../support/sign-in.js";

let platform: RunningPlatform;
let sealed: Awaited<ReturnType<typeof sealPdf>>;

beforeAll(async () => {
  platform = await startTestPlatform({ jobs: false, throttle: "off" });
  sealed = await sealPdf(sealInput(await plainPdf({ pages: 2 }), { approvalId: "a-verify-1" }));
  await recordSeal(platform.deps.storage.entities, {
    schoolId: "aoba-e",
    approvalId: "a-verify-1",
    verificationCode: sealed.metadata.verificationCode,
    sealedSha256: sealed.sha256,
    title: sealed.metadata.title,
    documentNumber: sealed.metadata.documentNumber,
    sealedAt: sealed.metadata.sealedAt,
    pageCount: sealed.pageCount,
  });
});
afterAll(async () => {
  await platform?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
const verify = async (upn: string, body: Uint8Array | string): Promise<{ status: number; body: any }> => {
  const token = await signIn(platform, upn);
  const res = await fetch(`${platform.url}/api/approvals/verify`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/pdf" },
    body: typeof body === "string" ? body : Buffer.from(body),
  });
  return { status: res.status, body: await res.json() };
};

describe("POST /api/approvals/verify", () => {
  it("recognises the sealed PDF as intact, with the school's record for its staff", async () => {
    const res = await verify(KNOWN_USERS.aobaTeacher.upn, sealed.bytes);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      verdict: "intact",
      sha256: sealed.sha256,
      claimed: { approvalId: "a-verify-1", documentNumber: "青小第123号", schoolId: "aoba-e" },
      record: { approvalId: "a-verify-1", sealedSha256: sealed.sha256, title: "運動会の実施について" },
    });
    expect(res.body.message.ja).toContain("改変されていません");
    expect(res.body.message.en).toContain("has not been changed");
    // The tab reads the answer with the shared schema.
    expect(SealVerificationView.parse(res.body)).toEqual(res.body);
  });

  it("says altered after one byte changed, and after a page was appended", async () => {
    const oneByte = sealed.bytes.slice();
    oneByte[10] = (oneByte[10] ?? 0) ^ 1;
    const a = await verify(KNOWN_USERS.aobaVicePrincipal.upn, oneByte);
    expect(a.body).toMatchObject({ verdict: "altered", claimed: { approvalId: "a-verify-1" } });
    expect(a.body.message.ja).toContain("改変されています");
    const b = await verify(KNOWN_USERS.aobaVicePrincipal.upn, await appendBlankPage(sealed.bytes));
    expect(b.body.verdict).toBe("altered");
  });

  it("tells staff of another school whether it is intact, without the school's record", async () => {
    const res = await verify(KNOWN_USERS.higashiTeacher.upn, sealed.bytes);
    expect(res.status).toBe(200);
    expect(res.body.verdict).toBe("intact");
    expect(res.body.record).toBeNull();
  });

  it("answers unknown for a PDF Kōmu did not seal, and unrecorded for an unknown approval", async () => {
    const other = await verify(KNOWN_USERS.aobaTeacher.upn, await plainPdf());
    expect(other.body).toMatchObject({ verdict: "unknown" });
    expect(other.body.claimed).toBeUndefined();
    const stranger = await sealPdf(sealInput(await plainPdf(), { approvalId: "a-never-recorded" }));
    const res = await verify(KNOWN_USERS.aobaTeacher.upn, stranger.bytes);
    expect(res.body).toMatchObject({ verdict: "unrecorded", record: null });
  });

  it("refuses a student, a broken file and an empty body with clear codes", async () => {
    const student = await verify(KNOWN_USERS.aobaStudent.upn, sealed.bytes);
    expect(student.status).toBe(403);
    const broken = await verify(KNOWN_USERS.aobaTeacher.upn, "%PDF-1.7 this is not really a PDF");
    expect(broken.status).toBe(422);
    expect(broken.body.error.code).toBe("PDF_INVALID");
    expect(broken.body.error.message.ja).toContain("PDF");
    const empty = await verify(KNOWN_USERS.aobaTeacher.upn, "");
    expect(empty.status).toBe(400);
  });
});
