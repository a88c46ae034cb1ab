import { describe, expect, it } from "vitest";
import { coveredByGroups } from "./resolve-attendees.js";

describe("named attendees and the groups of the spec", () => {
  it("a named person in one of the groups needs no grant of their own; others do", () => {
    const groups = [{ members: ["a", "b"] }, { members: ["c"] }];
    expect(["a", "c", "d"].filter((oid) => !coveredByGroups(groups, oid))).toEqual(["d"]);
    expect(coveredByGroups([], "a")).toBe(false);
  });
});
