/**
 * Record ids sort newest first: "r" + (a far-future epoch − now, 15 digits) + "-" + random. The
 * Table's RowKey order is then the order of the list (newest first) without a secondary index.
 */
import { randomBytes } from "node:crypto";

const FAR_FUTURE = 9_999_999_999_999;

export function newRecordId(now: Date): string {
  const reverse = String(FAR_FUTURE - now.getTime()).padStart(13, "0");
  return `r${reverse}-${randomBytes(4).toString("hex")}`;
}

export function newUploadId(): string {
  return `u${randomBytes(12).toString("hex")}`;
}

export const RECORD_ID_PATTERN = /^r\d{13}-[0-9a-f]{8}$/;
