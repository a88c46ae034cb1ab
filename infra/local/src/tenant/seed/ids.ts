/** Deterministic ids (UUID v5 layout over SHA-1) so the seed's object ids never change. */
import { createHash } from "node:crypto";

export function stableUuid(name: string): string {
  const h = createHash("sha1").update(`komu-local-seed:${name}`).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const staffUserId = (staffNumber: string) => stableUuid(`user/staff/${staffNumber}`);
export const studentUserId = (studentNumber: string) => stableUuid(`user/student/${studentNumber}`);
export const groupId = (mailNickname: string) => stableUuid(`group/${mailNickname}`);
