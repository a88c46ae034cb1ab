/**
 * Test support (imported only by *.test.ts): a Storage on the Azurite that the Vitest global
 * setup started (KOMU_TEST_STORAGE_CONNECTION_STRING), isolated by a random table prefix.
 */
import { randomBytes } from "node:crypto";
import { type Pipeline, type PipelinePolicy, type PipelineRequest, RestError } from "@azure/core-rest-pipeline";
import { isKomuError } from "@komu/shared";
import { type CreateStorageOptions, createStorage, type Storage } from "./index.js";

export function testConnectionString(): string {
  const cs = process.env.KOMU_TEST_STORAGE_CONNECTION_STRING;
  if (!cs)
    throw new Error(
      "KOMU_TEST_STORAGE_CONNECTION_STRING is not set: run through the root vitest config (tests/setup/global.ts)",
    );
  return cs;
}

export const randomPrefix = (): string => `t${randomBytes(6).toString("hex")}`;

export function createTestStorage(opts: Partial<CreateStorageOptions> = {}): Promise<Storage> {
  return createStorage({ connectionString: testConnectionString(), tablePrefix: randomPrefix(), ...opts });
}

/** The KomuError code `p` rejects with, or "no error" when it resolves (any other error is rethrown). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isKomuError(e)) return e.code;
    throw e;
  }
  return "no error";
}

/**
 * Simulates a lost reply on a real client: the next request matching `match` reaches the service
 * and is applied, then the connection "resets" before the answer arrives. The SDK's own retry
 * policy sends the request again, exactly as in production (so a create comes back 409, an
 * ETag-guarded update 412). Returns how many replies were dropped so far and a way to stop.
 */
export function loseNextReply(
  client: { pipeline: Pipeline },
  match: (request: PipelineRequest) => boolean,
  times = 1,
): { readonly dropped: number; restore(): void } {
  const name = `komuTestLoseReply${randomBytes(4).toString("hex")}`;
  let dropped = 0;
  const policy: PipelinePolicy = {
    name,
    async sendRequest(request, next) {
      const response = await next(request);
      if (dropped < times && match(request)) {
        dropped += 1;
        throw new RestError("socket hang up (simulated lost reply)", { code: "ECONNRESET", request });
      }
      return response;
    },
  };
  client.pipeline.addPolicy(policy, { afterPolicies: ["defaultRetryPolicy"] });
  return {
    get dropped() {
      return dropped;
    },
    restore: () => void client.pipeline.removePolicy({ name }),
  };
}

/** Matches a Table "insert entity" request (POST to the table, not a batch). */
export const isTableInsert = (request: PipelineRequest): boolean =>
  request.method === "POST" && !request.url.includes("$batch");

/** Matches an update (PUT replace / PATCH merge) of a Table entity. */
export const isTableUpdate = (request: PipelineRequest): boolean =>
  request.method === "PUT" || request.method === "PATCH";
