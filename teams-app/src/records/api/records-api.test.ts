import type { RecordView } from "@komu/shared";
import { describe, expect, it } from "vitest";
import type { ApiClient } from "../../api/client.js";
import { recordsApi, waitUntilSettled } from "./records-api.js";

function recordingClient() {
  const calls: { method: string; path: string; body?: unknown; headers?: Record<string, string> }[] = [];
  const client: ApiClient = {
    get: async (path) => {
      calls.push({ method: "GET", path });
      return {} as never;
    },
    send: async (method, path, body, _schema, headers) => {
      calls.push({ method, path, body, ...(headers ? { headers } : {}) });
      return {} as never;
    },
    blob: async (path) => {
      calls.push({ method: "BLOB", path });
      return { blob: new Blob(), fileName: null };
    },
  };
  return { client, calls };
}

describe("records routes", () => {
  it("builds the documented paths, queries and headers", async () => {
    const { client, calls } = recordingClient();
    const api = recordsApi(client, "aoba-e");
    await api.list({ fiscalYear: 2026, number: "青小受第3号", q: "" });
    await api.voidEntry({ register: "receipt", fiscalYear: 2026, serial: 3, etag: 'W/"1"' }, "誤登録");
    await api.addVersion({ id: "r 1", etag: 'W/"2"' }, "up9");
    await api.exportRegister("dispatch", 2025);
    await api.decide({ id: "d1", etag: 'W/"3"' }, "reject", "  ");
    await api.register("receipt", { title: "t", counterpart: "c", channel: "fax", categoryCode: "C-01" }, "k1");
    expect(calls).toEqual([
      {
        method: "GET",
        path: `/api/schools/aoba-e/records?fiscalYear=2026&number=${encodeURIComponent("青小受第3号")}`,
      },
      {
        method: "POST",
        path: "/api/schools/aoba-e/registers/receipt/2026/3/void",
        body: { reason: "誤登録" },
        headers: { "If-Match": 'W/"1"' },
      },
      {
        method: "POST",
        path: "/api/schools/aoba-e/records/r%201/versions",
        body: { uploadId: "up9" },
        headers: { "If-Match": 'W/"2"' },
      },
      { method: "BLOB", path: "/api/schools/aoba-e/registers/dispatch/export?fiscalYear=2025" },
      {
        method: "POST",
        path: "/api/schools/aoba-e/disposals/d1/decision",
        body: { decision: "reject" },
        headers: { "If-Match": 'W/"3"' },
      },
      {
        method: "POST",
        path: "/api/schools/aoba-e/registers/receipt",
        body: { title: "t", counterpart: "c", channel: "fax", categoryCode: "C-01" },
        headers: { "Idempotency-Key": "k1" },
      },
    ]);
  });
});

describe("waiting for a 202 filing to settle", () => {
  const at = (status: RecordView["status"]) => ({ status }) as RecordView;

  it("asks again with growing delays until filed", async () => {
    const delays: number[] = [];
    const answers = [at("filing"), at("filing"), at("filed")];
    const result = await waitUntilSettled(async () => answers.shift() ?? at("failed"), at("filing"), {
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    expect(result.status).toBe("filed");
    expect(delays).toEqual([500, 800, 1280]);
  });

  it("returns at once when not filing, and gives up after the time limit", async () => {
    let asked = 0;
    const get = async () => {
      asked++;
      return at("filing");
    };
    expect((await waitUntilSettled(get, at("failed"))).status).toBe("failed");
    expect(asked).toBe(0);
    const last = await waitUntilSettled(get, at("filing"), { maxWaitMs: 3_000, sleep: async () => {} });
    expect(last.status).toBe("filing");
    expect(asked).toBeGreaterThan(2);
  });
});
