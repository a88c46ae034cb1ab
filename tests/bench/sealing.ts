/**
 * Sealing benchmark (issue 5): a 50-page PDF sealed with 5 imprints (教務主任, 学年主任, 教頭,
 * 事務長, 校長; the drafter without a seal) and the 決裁証明 page, in this process. Reports the
 * first sealing (loads the font and pdf.js) and the median of the next runs, the size growth,
 * and the time to verify the sealed file. Run alone: `npx tsx tests/bench/sealing.ts`.
 */
import { pathToFileURL } from "node:url";
import { sealPdf } from "@komu/functions/approvals/pdf/seal-pdf";
import { plainPdf, sealInput } from "@komu/functions/approvals/pdf/testing";
import type { SealDecision } from "@komu/functions/approvals/pdf/types";
import { verifyPdf } from "@komu/functions/approvals/pdf/verify-pdf";

export interface SealingFigures {
  pages: number;
  imprints: number;
  originalBytes: number;
  sealedBytes: number;
  growthBytes: number;
  growthPercent: number;
  firstMs: number;
  medianMs: number;
  verifyMs: number;
}

const ROUTE: Array<[role: string, name: string]> = [
  ["教務主任", "桜井 聡"],
  ["学年主任", "伊藤 綾"],
  ["教頭", "小島 智子"],
  ["事務長", "高橋 誠"],
  ["校長", "松尾 俊介"],
];

export async function benchSealing(options: { pages?: number; runs?: number } = {}): Promise<SealingFigures> {
  const pages = options.pages ?? 50;
  const runs = options.runs ?? 5;
  const original = await plainPdf({ pages, text: "Body text of the plan" });
  const decisions: SealDecision[] = ROUTE.map(([role, name], i) => ({
    stageLabel: role === "校長" ? "決裁" : role,
    role,
    name,
    surname: name.split(" ")[0] ?? name,
    decision: "approved",
    decidedAt: new Date(Date.UTC(2026, 10, 24, 1 + i, 15)).toISOString(),
    ...(i % 2 === 0 ? { comment: "確認しました。" } : {}),
  }));
  const input = sealInput(original, { decisions, drafter: { name: "伊藤 綾", role: "教諭" } });
  const time = async () => {
    const t = performance.now();
    const r = await sealPdf(input);
    return { ms: performance.now() - t, r };
  };
  const first = await time();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await time()).ms);
  times.sort((a, b) => a - b);
  const sealed = first.r;
  const t = performance.now();
  const v = await verifyPdf(sealed.bytes, async (ref) => ({
    ...ref,
    sealedSha256: sealed.sha256,
    title: input.title,
    documentNumber: input.documentNumber,
    sealedAt: sealed.metadata.sealedAt,
  }));
  const verifyMs = performance.now() - t;
  if (v.kind !== "komu-sealed" || !v.intact) throw new Error("the sealed PDF did not verify");
  const figures: SealingFigures = {
    pages,
    imprints: sealed.imprints,
    originalBytes: original.byteLength,
    sealedBytes: sealed.bytes.byteLength,
    growthBytes: sealed.bytes.byteLength - original.byteLength,
    growthPercent: ((sealed.bytes.byteLength - original.byteLength) / original.byteLength) * 100,
    firstMs: first.ms,
    medianMs: times[Math.floor(times.length / 2)] ?? first.ms,
    verifyMs,
  };
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`
Sealing (決裁): ${pages}-page PDF, ${figures.imprints} imprints + 決裁証明 page (pdf-lib, IPAex Gothic subset)
  first seal      ${figures.firstMs.toFixed(0)} ms (loads the font and pdf.js)
  median of ${runs}     ${figures.medianMs.toFixed(0)} ms
  size            ${kb(figures.originalBytes)} → ${kb(figures.sealedBytes)} (+${kb(figures.growthBytes)}, +${figures.growthPercent.toFixed(1)}%)
  verify          ${figures.verifyMs.toFixed(0)} ms (SHA-256 + metadata)`);
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchSealing();
}
