import { defaultFilePlan } from "@komu/shared";
import { afterEach, describe, expect, it } from "vitest";
import type { GraphGateway } from "../../graph/gateway.js";
import type { Storage } from "../../storage/index.js";
import { codeOf, createTestStorage } from "../../storage/testing.js";
import type { RecordsDeps } from "../deps.js";
import { principalOf, recordData } from "../disposal/testing.js";
import { FILE_PLAN_ID, recordsRepos } from "../repos.js";
import { putFilePlan } from "./file-plan.js";

let storage: Storage | undefined;
afterEach(async () => {
  await storage?.dispose();
});

const principal = principalOf("o-principal", "松尾 俊介", ["principal"]);

describe("putFilePlan", () => {
  it("refuses to delete a category whose only live record sits behind many tombstones", async () => {
    storage = await createTestStorage();
    const deps = { storage, graph: {} as GraphGateway, clock: () => new Date() } as unknown as RecordsDeps;
    const repos = recordsRepos(storage);
    const plan = defaultFilePlan("elementary");
    const current = await repos.filePlan.create("aoba-e", FILE_PLAN_ID, { plan });
    // Newest first: 60 disposed records (tombstones), then one still filed (an older id sorts last).
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        repos.records.create(
          "aoba-e",
          `r1${String(i).padStart(4, "0")}`,
          recordData({ categoryCode: "G-03", status: "disposed" }),
        ),
      ),
    );
    await repos.records.create("aoba-e", "r9999", recordData({ categoryCode: "G-03", status: "filed" }));

    const without = { ...plan, categories: plan.categories.filter((c) => c.code !== "G-03") };
    expect(await codeOf(putFilePlan(deps, principal, "aoba-e", without, current.etag))).toBe("CONFLICT");
    expect((await repos.filePlan.require("aoba-e", FILE_PLAN_ID)).etag).toBe(current.etag);

    // Once that record is a tombstone too, the category may go.
    const live = await repos.records.require("aoba-e", "r9999");
    await repos.records.update("aoba-e", "r9999", { status: "disposed" }, live.etag, { mode: "merge" });
    const replaced = await putFilePlan(deps, principal, "aoba-e", without, current.etag);
    expect(replaced.data.plan.categories.some((c) => c.code === "G-03")).toBe(false);
  });
});
