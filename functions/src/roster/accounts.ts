/**
 * Which Entra user is which student: the members of the school's trusted group
 * `komu-<schoolId>-students` (identity/groups.ts: a role-assignable security group, found by
 * mailNickname), read once per import, joined on employeeId = 学籍番号, else on the UPN's local
 * part `s<学籍番号>`. A number two accounts claim is left unmatched (never a guess).
 * Graph calls per import: 1 (the group) + 1 per 999 members.
 */
import { KomuError } from "@komu/shared";
import type { GraphGateway } from "../graph/gateway.js";
import { GROUP_SELECT, type GroupRef, isTrustedGroup } from "../identity/groups.js";

export interface StudentAccount {
  oid: string;
  employeeId: string | null;
  upn: string | null;
}

export interface StudentAccounts {
  /** The accounts of the school's students (empty when the school has no students group). */
  list(schoolId: string): Promise<StudentAccount[]>;
}

export function createGraphStudentAccounts(graph: Pick<GraphGateway, "app" | "allPages">): StudentAccounts {
  return {
    async list(schoolId) {
      const nickname = `komu-${schoolId}-students`;
      if (!/^[A-Za-z0-9-]+$/.test(nickname)) throw new KomuError("INVALID_ID", { details: { schoolId } });
      const filter = encodeURIComponent(`mailNickname eq '${nickname}'`);
      const groups = await graph.allPages<GroupRef>(
        graph.app,
        `/groups?$filter=${filter}&$select=${GROUP_SELECT}`,
        "roster.studentsGroup",
      );
      const group = groups.find((g) => g.mailNickname?.toLowerCase() === nickname && isTrustedGroup(g));
      if (!group) return [];
      const members = await graph.allPages<{
        id: string;
        employeeId?: string | null;
        userPrincipalName?: string | null;
      }>(
        graph.app,
        `/groups/${encodeURIComponent(group.id)}/members/microsoft.graph.user?$select=id,employeeId,userPrincipalName&$top=999`,
        "roster.studentMembers",
      );
      return members.map((m) => ({ oid: m.id, employeeId: m.employeeId ?? null, upn: m.userPrincipalName ?? null }));
    },
  };
}

/** 学籍番号 → oid for the numbers exactly one account claims (employeeId first, then the UPN). */
export function matchAccounts(
  studentNumbers: readonly string[],
  accounts: readonly StudentAccount[],
): Map<string, string> {
  const index = (key: (a: StudentAccount) => string | null) => {
    const m = new Map<string, string | null>();
    for (const a of accounts) {
      const k = key(a);
      if (!k) continue;
      m.set(k, m.has(k) && m.get(k) !== a.oid ? null : a.oid);
    }
    return m;
  };
  const byEmployeeId = index((a) => a.employeeId?.normalize("NFKC").trim().toLowerCase() || null);
  const byUpn = index((a) => {
    const local = a.upn?.split("@")[0]?.toLowerCase();
    return local?.startsWith("s") ? local.slice(1) : null;
  });
  const out = new Map<string, string>();
  const uses = new Map<string, number>();
  for (const n of studentNumbers) {
    const key = n.toLowerCase();
    const hit = byEmployeeId.has(key) ? byEmployeeId.get(key) : byUpn.get(key);
    if (!hit) continue;
    out.set(n, hit);
    uses.set(hit, (uses.get(hit) ?? 0) + 1);
  }
  // One account is one student: an account two numbers resolve to (employeeId of one, UPN of the other) matches neither.
  for (const [n, oid] of out) if ((uses.get(oid) ?? 0) > 1) out.delete(n);
  return out;
}
