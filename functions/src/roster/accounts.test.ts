import { describe, expect, it } from "vitest";
import { createGraphStudentAccounts, matchAccounts } from "./accounts.js";

describe("matchAccounts", () => {
  it("joins on employeeId, else on the UPN's local part s<学籍番号>", () => {
    const m = matchAccounts(
      ["12026001", "12026002", "12026003"],
      [
        { oid: "a", employeeId: "１２０２６００１", upn: "someone@x" },
        { oid: "b", employeeId: null, upn: "S12026002@aoba-edu.example" },
        { oid: "c", employeeId: "99", upn: "t12026003@x" },
      ],
    );
    expect([...m]).toEqual([
      ["12026001", "a"],
      ["12026002", "b"],
    ]);
  });

  it("leaves a number two accounts claim unmatched, and an account two numbers reach", () => {
    const m = matchAccounts(
      ["1", "2", "3"],
      [
        { oid: "a", employeeId: "1", upn: null },
        { oid: "b", employeeId: "1", upn: null },
        { oid: "c", employeeId: "2", upn: "s3@x" },
      ],
    );
    expect([...m]).toEqual([]);
  });
});

describe("createGraphStudentAccounts", () => {
  it("lists the members of the trusted students group only", async () => {
    const paths: string[] = [];
    const groups = [
      {
        id: "fake",
        mailNickname: "komu-aoba-e-students",
        securityEnabled: true,
        isAssignableToRole: false,
        groupTypes: [],
      },
      {
        id: "real",
        mailNickname: "komu-aoba-e-students",
        securityEnabled: true,
        isAssignableToRole: true,
        groupTypes: [],
      },
    ];
    const accounts = createGraphStudentAccounts({
      app: {} as never,
      allPages: async <T>(_client: unknown, path: string) => {
        paths.push(path);
        return (
          path.startsWith("/groups?")
            ? groups
            : [{ id: "u1", employeeId: "12026001", userPrincipalName: "s12026001@x" }]
        ) as T[];
      },
    });
    expect(await accounts.list("aoba-e")).toEqual([{ oid: "u1", employeeId: "12026001", upn: "s12026001@x" }]);
    expect(paths[1]).toBe("/groups/real/members/microsoft.graph.user?$select=id,employeeId,userPrincipalName&$top=999");
  });

  it("finds no accounts when the school has no trusted students group", async () => {
    const accounts = createGraphStudentAccounts({
      app: {} as never,
      allPages: async <T>() =>
        [
          {
            id: "m365",
            mailNickname: "komu-aoba-e-students",
            securityEnabled: true,
            isAssignableToRole: true,
            groupTypes: ["Unified"],
          },
        ] as T[],
    });
    expect(await accounts.list("aoba-e")).toEqual([]);
  });
});
