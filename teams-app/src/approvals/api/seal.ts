import { z } from "zod";
import type { ApiClient } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import { type BytesOptions, postBytes } from "./post-bytes.js";

/**
 * My seal image (印影) in one school: GET (the PNG, 404 when none), PUT (the PNG itself), DELETE
 * at /api/schools/{schoolId}/approval-seal. The answer's schema mirrors functions/'s
 * `SealImageSchema` (approvals/routes/seal.types.ts; not in shared yet).
 */
export const SealImageView = z.object({
  sha256: z.string(),
  size: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  updatedAt: z.string(),
});
export type SealImageView = z.infer<typeof SealImageView>;

export const sealPath = (schoolId: string) => `/api/schools/${encodeURIComponent(schoolId)}/approval-seal`;

/** The registered PNG, or null when there is none. */
export async function getSealImage(api: ApiClient, schoolId: string): Promise<Blob | null> {
  try {
    return (await api.blob(sealPath(schoolId))).blob;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export const putSealImage = (schoolId: string, png: Blob, options: BytesOptions): Promise<SealImageView> =>
  postBytes(sealPath(schoolId), png, "image/png", (v) => SealImageView.safeParse(v), { ...options, method: "PUT" });

export const deleteSealImage = async (api: ApiClient, schoolId: string): Promise<void> => {
  await api.send("DELETE", sealPath(schoolId), undefined, z.unknown());
};
