import { describe, expect, it } from "vitest";
import { startLiveShare } from "./index.js";

describe("startLiveShare", () => {
  it("starts the relay on a free port with the container map, and stops both", async () => {
    const started = Date.now();
    const ls = await startLiveShare({ port: 0 });
    const ms = Date.now() - started;
    try {
      const relay = await fetch(ls.relayUrl);
      expect(relay.status).toBe(200);
      await relay.body?.cancel();
      expect((await fetch(`${ls.containersUrl}/s.m`)).status).toBe(404);
      expect(ms).toBeLessThan(30_000);
    } finally {
      await ls.stop();
    }
    await expect(fetch(ls.relayUrl)).rejects.toThrow();
    await expect(fetch(`${ls.containersUrl}/s.m`)).rejects.toThrow();
  }, 40_000);
});
