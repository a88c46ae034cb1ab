/** Seeded users for the sign-in picker, grouped by school (from the komu-<school>-… groups). */
import type { TenantContext } from "../context.js";

interface UserRow {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  jobTitle?: string;
  accountEnabled?: boolean;
}
interface GroupRow {
  mailNickname?: string;
  members?: string[];
}
interface SchoolRow {
  id: string;
  name: string;
  kind?: string;
}

export interface UserGroup {
  schoolId: string;
  name: string;
  users: { id: string; displayName: string; userPrincipalName: string; jobTitle: string }[];
}

export function usersBySchool(ctx: TenantContext): UserGroup[] {
  const schools = [...ctx.store.collection<SchoolRow>("schools").values()];
  const schoolOf = new Map<string, string>();
  const NICK = /^komu-(.+)-(staff|students)$/;
  for (const g of ctx.store.collection<GroupRow>("groups").values()) {
    const m = NICK.exec(g.mailNickname ?? "");
    if (!m?.[1]) continue;
    for (const uid of g.members ?? []) if (!schoolOf.has(uid)) schoolOf.set(uid, m[1]);
  }
  const groups = new Map<string, UserGroup>();
  for (const s of schools) groups.set(s.id, { schoolId: s.id, name: s.name, users: [] });
  const other: UserGroup = { schoolId: "", name: "その他 / Other", users: [] };
  for (const u of ctx.store.collection<UserRow>("users").values()) {
    if (u.accountEnabled === false) continue;
    const sid = schoolOf.get(u.id);
    const group = (sid && groups.get(sid)) || other;
    group.users.push({
      id: u.id,
      displayName: u.displayName ?? u.id,
      userPrincipalName: u.userPrincipalName ?? "",
      jobTitle: u.jobTitle ?? "",
    });
  }
  const result = [...groups.values(), other].filter((g) => g.users.length > 0);
  for (const g of result) g.users.sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName));
  return result;
}
