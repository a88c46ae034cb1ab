import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningContainerMap, startContainerMap } from "./containers.js";

let map: RunningContainerMap;
beforeAll(async () => {
  map = await startContainerMap(0);
});
afterAll(() => map.stop());

const put = (key: string, body: unknown) =>
  fetch(`${map.url}/${key}`, {
    method: "PUT",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });

describe("the local Live Share container map", () => {
  it("keeps the first container id per meeting and answers a later one with a conflict and the winner", async () => {
    expect((await fetch(`${map.url}/aoba-jh.m1`)).status).toBe(404);
    expect(await (await put("aoba-jh.m1", { containerId: "c-first" })).json()).toEqual({
      containerId: "c-first",
      state: "added",
    });
    expect(await (await put("aoba-jh.m1", { containerId: "c-second" })).json()).toEqual({
      containerId: "c-first",
      state: "conflict",
    });
    // The same id again is not a conflict (a retried PUT).
    expect((await (await put("aoba-jh.m1", { containerId: "c-first" })).json()).state).toBe("added");
    const got = await fetch(`${map.url}/aoba-jh.m1`);
    expect(got.headers.get("access-control-allow-origin")).toBe("*");
    expect(await got.json()).toEqual({ containerId: "c-first" });
    // Another meeting has its own.
    expect((await fetch(`${map.url}/aoba-jh.m2`)).status).toBe(404);
  });

  it("refuses bad keys, bodies and methods", async () => {
    expect((await put("aoba-jh.m3", { containerId: "a/b" })).status).toBe(400);
    expect((await put("aoba-jh.m3", "nonsense")).status).toBe(400);
    expect((await fetch(`${map.url}/a%2Fb`)).status).toBe(404);
    expect((await fetch(`${map.url}/aoba-jh.m3`, { method: "DELETE" })).status).toBe(405);
    const preflight = await fetch(`${map.url}/aoba-jh.m3`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("PUT");
  });

  it("is bounded: past its size the oldest meeting is forgotten, the newest kept", async () => {
    const small = await startContainerMap(0, { maxKeys: 2 });
    try {
      const at = (key: string, init?: RequestInit) => fetch(`${small.url}/${key}`, init);
      const putTo = (key: string, containerId: string) =>
        at(key, {
          method: "PUT",
          body: JSON.stringify({ containerId }),
          headers: { "Content-Type": "application/json" },
        });
      for (const k of ["k1", "k2", "k3"]) expect((await putTo(k, `c-${k}`)).status).toBe(200);
      expect((await at("k1")).status).toBe(404);
      expect(await (await at("k2")).json()).toEqual({ containerId: "c-k2" });
      expect(await (await at("k3")).json()).toEqual({ containerId: "c-k3" });
    } finally {
      await small.stop();
    }
  });
});
