import { describe, expect, it } from "vitest";
import { withTimeout } from "./timeout.js";

describe("withTimeout", () => {
  it("passes a value through when it arrives in time", async () => {
    await expect(withTimeout(Promise.resolve(42), 50)).resolves.toBe(42);
  });
  it("rejects when the promise never settles (a plain browser never answers teams-js)", async () => {
    await expect(withTimeout(new Promise(() => {}), 20, "initialize")).rejects.toThrow(
      "initialize timed out after 20 ms",
    );
  });
  it("passes a rejection through", async () => {
    await expect(withTimeout(Promise.reject(new Error("nope")), 50)).rejects.toThrow("nope");
  });
});
