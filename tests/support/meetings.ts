/** Meetings helpers for integration tests. */
import type { ApiResponse, Json } from "./api-client.js";

/**
 * Reads a meeting (`read`, e.g. the chair's GET) until the material is ready — at `version` when
 * given — and returns that read; throws when the material failed or after 30 s.
 */
export async function untilMaterialReady(
  read: () => Promise<ApiResponse>,
  materialId: string,
  version?: number,
): Promise<Json> {
  for (let i = 0; i < 150; i++) {
    const got = await read();
    const m = got.body.materials.find((x: Json) => x.id === materialId);
    if (m?.status === "ready" && (version === undefined || m.version === version)) return got;
    if (m?.status === "failed") throw new Error(`material failed: ${m.failure}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("material not ready");
}
