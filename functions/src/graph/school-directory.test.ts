import type { Client } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import type { GraphGroupRef } from "./gateway.js";
import { createGraphSchoolDirectory } from "./school-directory.js";

const trusted = (mailNickname: string, displayName: string): GraphGroupRef => ({
  id: `id-${mailNickname}`,
  mailNickname,
  displayName,
  securityEnabled: true,
  isAssignableToRole: true,
  groupTypes: [],
});

function fakeGraph(groups: GraphGroupRef[]) {
  const paths: string[] = [];
  return {
    paths,
    graph: {
      app: {} as Client,
      allPages: async <T>(_client: Client, path: string): Promise<T[]> => {
        paths.push(path);
        return groups as T[];
      },
    },
  };
}

describe("createGraphSchoolDirectory", () => {
  it("lists schools from role-assignable staff groups only; user-created look-alikes add no school", async () => {
    const { graph, paths } = fakeGraph([
      trusted("komu-aoba-e-staff", "青葉小学校 教職員"),
      trusted("komu-boe-staff", "青葉町教育委員会 教職員"),
      trusted("komu-aoba-e-teacher", "x"),
      // A team a teacher created, named like a school's staff group…
      { ...trusted("komu-fake-e-staff", "偽小学校 教職員"), securityEnabled: false, groupTypes: ["Unified"] },
      // …or renaming an existing school, or a plain (non role-assignable) security group.
      { ...trusted("komu-aoba-e-staff", "乗っ取り 教職員"), id: "m365", groupTypes: ["Unified"] },
      { ...trusted("komu-other-e-staff", "別 教職員"), isAssignableToRole: false },
    ]);
    const directory = createGraphSchoolDirectory(graph);
    expect(await directory.list()).toEqual([
      { id: "aoba-e", name: "青葉小学校" },
      { id: "boe", name: "青葉町教育委員会" },
    ]);
    expect(await directory.get("fake-e")).toBeUndefined();
    expect(paths).toHaveLength(1);
    const url = new URL(paths[0] as string, "https://graph.example");
    expect(url.pathname).toBe("/groups");
    expect(url.searchParams.get("$select")?.split(",")).toEqual(
      expect.arrayContaining([
        "id",
        "mailNickname",
        "displayName",
        "securityEnabled",
        "isAssignableToRole",
        "groupTypes",
      ]),
    );
    expect(url.searchParams.get("$filter")).toBe("startswith(mailNickname,'komu-')");
  });
});
