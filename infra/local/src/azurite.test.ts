import { createConnection } from "node:net";
import { TableClient } from "@azure/data-tables";
import { describe, expect, it } from "vitest";
import { startAzurite } from "./azurite.js";

const connects = (port: number) =>
  new Promise<boolean>((res) => {
    const s = createConnection({ port, host: "127.0.0.1" });
    s.once("connect", () => {
      s.destroy();
      res(true);
    });
    s.once("error", () => {
      s.destroy();
      res(false);
    });
  });

describe("startAzurite", () => {
  it("starts on free ports, serves tables with the dev account, and stops", async () => {
    const az = await startAzurite({ inMemory: true });
    try {
      expect(new Set([az.ports.blob, az.ports.queue, az.ports.table]).size).toBe(3);
      expect(az.connectionString).toContain(`TableEndpoint=http://127.0.0.1:${az.ports.table}/devstoreaccount1`);
      const t = TableClient.fromConnectionString(az.connectionString, "smoke", { allowInsecureConnection: true });
      await t.createTable();
      await t.createEntity({ partitionKey: "p", rowKey: "r", n: 7 });
      expect((await t.getEntity<{ n: number }>("p", "r")).n).toBe(7);
    } finally {
      await az.stop();
    }
    expect(await connects(az.ports.table)).toBe(false);
  }, 30_000);
});
