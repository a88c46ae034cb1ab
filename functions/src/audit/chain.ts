/**
 * The audit chain's layout and hashing.
 * Table `komuAudit`: PartitionKey = schoolId; event rows have RowKey `e` + 12-digit seq (so they
 * sort in chain order), and one `head` row caches { seq, hash } of the newest event (a hint
 * only: the event rows are the truth). hash = SHA-256 hex of canonical JSON (sorted keys) of
 * { seq, prevHash, event }; the first event's prevHash is 64 zeros.
 */
import { canonicalJson, sha256Hex } from "../storage/hash.js";

export const GENESIS_HASH = "0".repeat(64);
export const HEAD_KEY = "head";
export const EVENT = "v";

export const eventRowKey = (seq: number): string => `e${String(seq).padStart(12, "0")}`;
export const seqOfRowKey = (rowKey: string): number | null =>
  /^e\d{12}$/.test(rowKey) ? Number(rowKey.slice(1)) : null;

export const chainHash = (seq: number, prevHash: string, event: unknown): string =>
  sha256Hex(canonicalJson({ seq, prevHash, event }));
