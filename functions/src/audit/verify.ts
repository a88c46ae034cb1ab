/**
 * Recomputes a school's chain from the first event and names the FIRST broken link:
 *  - "gap": seq n is missing (row deleted), or the head says the chain is longer than the rows;
 *  - "hash mismatch": the row's stored hash is not the hash of its content (content edited),
 *    or its denormalised columns (id, kind, at, seq) disagree with the hashed event;
 *  - "prevHash mismatch": the row's prevHash is not the previous row's hash (a row was replaced
 *    with a self-consistent forgery, or rows were reordered).
 * A forger who rewrites a row AND its hash is caught at the next row ("prevHash mismatch" at
 * seq+1); one who rewrites every later row too is caught by the head (if left alone) — beyond
 * that a hash chain alone cannot go without an external anchor.
 * Reads page by page, so memory stays flat however long the chain is.
 */
import type { TableClient } from "@azure/data-tables";
import { decodeJson, type Props } from "../storage/codec.js";
import { checkSchoolId } from "../storage/keys.js";
import { isNotFound } from "../storage/rest-errors.js";
import { chainHash, EVENT, GENESIS_HASH, HEAD_KEY, seqOfRowKey } from "./chain.js";

export type BrokenReason = "hash mismatch" | "prevHash mismatch" | "gap";

export interface VerifyResult {
  ok: boolean;
  /** Events checked (up to and including the first broken one). */
  checked: number;
  /** seq of the last event read. */
  lastSeq: number;
  firstBroken?: { seq: number; id: string | null; reason: BrokenReason };
}

export async function verifyChain(table: TableClient, schoolId: string): Promise<VerifyResult> {
  checkSchoolId(schoolId);
  let expectSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const broken = (seq: number, id: string | null, reason: BrokenReason): VerifyResult => ({
    ok: false,
    checked,
    lastSeq: expectSeq - 1,
    firstBroken: { seq, id, reason },
  });
  const hashes = new Map<number, string>(); // only the head's seq is looked up later
  let headSeq = 0;
  let headHash: string | undefined;
  try {
    const head = await table.getEntity<Props>(schoolId, HEAD_KEY);
    headSeq = head.seq as number;
    headHash = head.hash as string;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }

  const filter = `PartitionKey eq '${schoolId}' and RowKey ge 'e' and RowKey lt 'f'`;
  for await (const row of table.listEntities<Props>({ queryOptions: { filter } })) {
    const seq = seqOfRowKey(row.rowKey as string);
    if (seq === null) continue;
    const id = typeof row.id === "string" ? row.id : null;
    if (seq !== expectSeq) return broken(expectSeq, null, "gap");
    checked += 1;
    let event: unknown;
    try {
      event = decodeJson(EVENT, row);
    } catch {
      return broken(seq, id, "hash mismatch");
    }
    const ev = event as { id?: unknown; kind?: unknown; at?: unknown };
    const columnsAgree = row.seq === seq && ev.id === row.id && ev.kind === row.kind && ev.at === row.at;
    if (!columnsAgree || chainHash(seq, row.prevHash as string, event) !== row.hash)
      return broken(seq, id, "hash mismatch");
    if (row.prevHash !== prevHash) return broken(seq, id, "prevHash mismatch");
    prevHash = row.hash as string;
    if (seq === headSeq) hashes.set(seq, prevHash);
    expectSeq += 1;
  }
  const lastSeq = expectSeq - 1;
  if (headSeq > lastSeq) return broken(lastSeq + 1, null, "gap");
  if (headSeq > 0 && headHash !== undefined && hashes.get(headSeq) !== headHash) {
    // Every row is self-consistent but the chain no longer ends where the head says it did.
    return { ok: false, checked, lastSeq, firstBroken: { seq: headSeq, id: null, reason: "hash mismatch" } };
  }
  return { ok: true, checked, lastSeq };
}
