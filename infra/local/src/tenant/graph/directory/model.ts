/** Directory objects as stored (Graph's shape + internal `_` fields) and their Graph projections. */
import type { TenantContext } from "../../context.js";

export interface StoredUser {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string;
  mail: string | null;
  mailNickname?: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  preferredLanguage: string | null;
  businessPhones: string[];
  mobilePhone: string | null;
  accountEnabled: boolean;
  employeeId?: string | null;
  companyName?: string | null;
  usageLocation?: string | null;
  userType?: string;
  createdDateTime?: string;
  identities?: { signInType: string; issuer: string; issuerAssignedId: string }[];
  /** internal: school (or board) id, and kind */
  _schoolId?: string;
  _kind?: "staff" | "student" | "board";
  _groups?: string[];
  [key: string]: unknown;
}

export interface StoredGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mail: string | null;
  mailEnabled: boolean;
  securityEnabled: boolean;
  /**
   * Role-assignable (set at creation only, by privileged administrators). Kōmu trusts only
   * such security groups. Absent in stores written before the field existed (see
   * upgradeLegacyGroups); rendered as null when unknown, as Graph does for older groups.
   */
  isAssignableToRole?: boolean | null;
  /** [] for security groups, ["Unified"] for Microsoft 365 groups (teams). */
  groupTypes: string[];
  createdDateTime: string;
  visibility: string | null;
  /** user ids (navigation property; never rendered as a property) */
  members: string[];
  [key: string]: unknown;
}

/** Graph's default $select set for users (v1.0). */
export const USER_DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
] as const;

/** Properties of microsoft.graph.user that may be selected/filtered (absent ones render null). */
export const USER_PROPERTIES = [
  ...USER_DEFAULT_PROPERTIES,
  "accountEnabled",
  "ageGroup",
  "city",
  "companyName",
  "country",
  "createdDateTime",
  "creationType",
  "deletedDateTime",
  "department",
  "employeeId",
  "employeeType",
  "externalUserState",
  "faxNumber",
  "identities",
  "imAddresses",
  "mailNickname",
  "onPremisesSyncEnabled",
  "otherMails",
  "postalCode",
  "proxyAddresses",
  "showInAddressList",
  "state",
  "streetAddress",
  "usageLocation",
  "userType",
  "memberOf",
] as const;

export const GROUP_PROPERTIES = [
  "id",
  "deletedDateTime",
  "classification",
  "createdDateTime",
  "creationOptions",
  "description",
  "displayName",
  "expirationDateTime",
  "groupTypes",
  "isAssignableToRole",
  "mail",
  "mailEnabled",
  "mailNickname",
  "membershipRule",
  "membershipRuleProcessingState",
  "onPremisesSyncEnabled",
  "preferredDataLocation",
  "preferredLanguage",
  "proxyAddresses",
  "renewedDateTime",
  "resourceBehaviorOptions",
  "resourceProvisioningOptions",
  "securityEnabled",
  "securityIdentifier",
  "theme",
  "visibility",
  "members",
] as const;

const isInternal = (k: string) => k.startsWith("_");

/** The full Graph view of a user (no internal fields). */
export function userView(u: StoredUser): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of USER_PROPERTIES) if (p !== "memberOf") out[p] = p in u ? u[p] : null;
  for (const [k, v] of Object.entries(u)) if (!isInternal(k)) out[k] = v;
  return out;
}

/** Projection: default properties, or the selected ones (in the order selected). */
export function projectUser(u: StoredUser, select?: readonly string[]): Record<string, unknown> {
  const full = userView(u);
  const keys = select?.length ? select : USER_DEFAULT_PROPERTIES;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(full)) if (k.startsWith("@odata.")) out[k] = v;
  for (const k of keys) {
    const found = Object.keys(full).find((x) => x.toLowerCase() === k.toLowerCase());
    out[found ?? k] = found ? full[found] : null;
  }
  return out;
}

export function groupView(g: StoredGroup): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: g.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: g.createdDateTime,
    creationOptions: [],
    description: g.description,
    displayName: g.displayName,
    expirationDateTime: null,
    groupTypes: g.groupTypes,
    isAssignableToRole: g.isAssignableToRole ?? null,
    mail: g.mail,
    mailEnabled: g.mailEnabled,
    mailNickname: g.mailNickname,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: g.mail ? [`SMTP:${g.mail}`] : [],
    renewedDateTime: g.createdDateTime,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    securityEnabled: g.securityEnabled,
    securityIdentifier: `S-1-12-1-${parseInt(g.id.slice(0, 8), 16)}-${parseInt(g.id.slice(9, 13), 16)}`,
    theme: null,
    visibility: g.visibility,
  };
  for (const [k, v] of Object.entries(g)) if (!isInternal(k) && k !== "members" && !(k in out)) out[k] = v;
  return out;
}

export function projectGroup(g: StoredGroup, select?: readonly string[]): Record<string, unknown> {
  const full = groupView(g);
  if (!select?.length) return full;
  const out: Record<string, unknown> = {};
  for (const k of select) {
    const found = Object.keys(full).find((x) => x.toLowerCase() === k.toLowerCase());
    out[found ?? k] = found ? full[found] : null;
  }
  return out;
}

export const users = (ctx: TenantContext) => ctx.store.collection<StoredUser>("users");
export const groups = (ctx: TenantContext) => ctx.store.collection<StoredGroup>("groups");

/** By id or userPrincipalName (case-insensitive), as Graph resolves /users/{id | userPrincipalName}. */
export function findUser(ctx: TenantContext, idOrUpn: string): StoredUser | undefined {
  const key = decodeURIComponent(idOrUpn);
  const byId = users(ctx).get(key.toLowerCase()) ?? users(ctx).get(key);
  if (byId) return byId;
  const lower = key.toLowerCase();
  for (const u of users(ctx).values()) if (u.userPrincipalName.toLowerCase() === lower) return u;
  return undefined;
}

/**
 * Stores persisted (npm start's `.data/`) before `isAssignableToRole` existed hold the seeded
 * komu-* groups without it; the directory is read-only, so every such group came from the seed,
 * which now creates them role-assignable. Marks them so (once, at start-up); returns how many.
 */
export function upgradeLegacyGroups(ctx: TenantContext): number {
  let upgraded = 0;
  for (const g of groups(ctx).values()) {
    if (g.isAssignableToRole !== undefined || !g.securityEnabled || g.groupTypes.length > 0) continue;
    if (!g.mailNickname.toLowerCase().startsWith("komu-")) continue;
    g.isAssignableToRole = true;
    upgraded++;
  }
  if (upgraded > 0) ctx.store.changed();
  return upgraded;
}

export function groupsOfUser(ctx: TenantContext, userId: string): StoredGroup[] {
  return [...groups(ctx).values()].filter((g) => g.members.includes(userId));
}
