/** Identifier formats that look like SharePoint's. */
import { randomBytes, randomUUID } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export const newGuid = (): string => randomUUID();

/** Drive ids look like "b!" + base64url (SharePoint encodes site and list ids). */
export const newDriveId = (): string => `b!${randomBytes(48).toString("base64url")}`;

/** Drive item ids look like "01" + 32 base32 characters. */
export function newItemId(): string {
  const bytes = randomBytes(32);
  let out = "01";
  for (const byte of bytes) out += BASE32[byte % 32];
  return out;
}

export const newToken = (bytes = 24): string => randomBytes(bytes).toString("base64url");
