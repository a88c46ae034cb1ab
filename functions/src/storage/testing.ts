/**
 * Test support (imported only by *.test.ts): a Storage on the Azurite that the Vitest global
 * setup started (KOMU_TEST_STORAGE_CONNECTION_STRING), isolated by a random table prefix.
 */
import { randomBytes } from "node:crypto";
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
