/**
 * Who an attendee spec reaches now: `allStaff` → the members of `komu-<school>-staff`; each role →
 * the members of `komu-<school>-<role>`; each named person must be staff of the school now
 * (trusted groups, the role directory) — otherwise MEETING_ATTENDEE_OUTSIDE_SCHOOL naming them.
 * Also returns the groups (their ids: the folder invite names the groups, not their members) and
 * the named people no group covers (they are invited by name).
 */
import { type AttendeeSpec, isKomuError, KomuError } from "@komu/shared";
import { groupMeaning } from "../../identity/groups.js";
import type { MeetingsDeps } from "../deps.js";

export interface ResolvedAttendees {
  attendees: { oid: string; name: string }[];
  mails: Record<string, string>;
  /** Trusted groups of the spec (allStaff, roles) that exist, with their member oids. */
  groups: { nickname: string; id: string; members: string[] }[];
  /** Named people not in any of those groups (the invite names them). */
  uncovered: string[];
}

interface UserItem {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
}

async function userOf(deps: Pick<MeetingsDeps, "graph">, oid: string): Promise<UserItem | null> {
  try {
    return (await deps.graph.app
      .api(`/users/${encodeURIComponent(oid)}`)
      .select("id,displayName,mail,userPrincipalName")
      .get()) as UserItem;
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 404 || status === 400 || (isKomuError(e) && e.code === "NOT_FOUND")) return null;
    throw e;
  }
}

/** Whether a named person needs their own grant: no attendee group of the spec has them (pure). */
export const coveredByGroups = (groups: readonly { members: readonly string[] }[], oid: string) =>
  groups.some((g) => g.members.includes(oid));

export async function resolveAttendees(
  deps: Pick<MeetingsDeps, "graph" | "roles" | "groups">,
  schoolId: string,
  spec: AttendeeSpec,
): Promise<ResolvedAttendees> {
  // Only staff roles of this school name a group (the naming rule): never students, the system
  // administrators, or board staff outside the board — their groups would be invited to the folders.
  const notStaff = [...new Set(spec.roles)].filter((r) => groupMeaning(`komu-${schoolId}-${r}`)?.type !== "role");
  if (notStaff.length > 0)
    throw new KomuError("VALIDATION_FAILED", {
      message: {
        ja: `出席者に指定できるのは、この学校の教職員の役割だけです（${notStaff.join("、")} は指定できません）。`,
        en: `Only staff roles of this school can attend (not ${notStaff.join(", ")}).`,
      },
      details: { issues: [{ path: "attendees.roles", code: "custom", message: "not a staff role" }], roles: notStaff },
    });
  const nicknames = [
    ...(spec.allStaff ? [`komu-${schoolId}-staff`] : []),
    ...[...new Set(spec.roles)].map((r) => `komu-${schoolId}-${r}`),
  ];
  const byOid = new Map<string, { oid: string; name: string }>();
  const mails: Record<string, string> = {};
  const groups: ResolvedAttendees["groups"] = [];
  for (const nickname of nicknames) {
    const id = await deps.groups.idOf(nickname);
    if (!id) continue;
    const members = await deps.groups.members(nickname);
    groups.push({ nickname, id, members: members.map((m) => m.oid) });
    for (const m of members) {
      byOid.set(m.oid, { oid: m.oid, name: m.name });
      if (m.mail) mails[m.oid] = m.mail;
    }
  }
  const people = [...new Set(spec.people)];
  const outside: { oid: string; name: string }[] = [];
  const uncovered: string[] = [];
  for (const oid of people) {
    const staff = await deps.roles.staffMember(schoolId, oid);
    const user = await userOf(deps, oid);
    if (!staff || !user) {
      outside.push({ oid, name: user?.displayName ?? staff?.name ?? oid });
      continue;
    }
    byOid.set(oid, { oid, name: user.displayName ?? staff.name });
    const mail = user.mail ?? user.userPrincipalName;
    if (mail) mails[oid] = mail;
    if (!coveredByGroups(groups, oid)) uncovered.push(oid);
  }
  if (outside.length > 0) {
    const names = outside.map((o) => o.name).join("、");
    throw new KomuError("MEETING_ATTENDEE_OUTSIDE_SCHOOL", {
      message: {
        ja: `出席者に、この学校の教職員ではない人が含まれています: ${names}。名簿を確認してください。`,
        en: `Some attendees are not staff of this school: ${outside.map((o) => o.name).join(", ")}. Check the list.`,
      },
      details: { schoolId, people: outside },
    });
  }
  const attendees = [...byOid.values()].sort(
    (a, b) => a.name.localeCompare(b.name, "ja") || a.oid.localeCompare(b.oid),
  );
  return { attendees, mails, groups, uncovered };
}
