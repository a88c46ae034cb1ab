/**
 * Graph's resource paths with path-based addressing: `/drives/{d}/root:/a/b.txt:/content`,
 * `/drives/{d}/items/{parent}:/{name}:/content`, `/sites/{host}:/sites/{path}:/drive`.
 * The path is split into tokens; a token may carry a `path` (the part between the colons).
 */
import { GraphError, type TenantContext } from "../../context.js";
import { badRequest, notFound } from "./http.js";
import {
  type DriveItemRecord,
  type DriveRecord,
  drives,
  ensurePersonalDrive,
  ensureRootSite,
  findChild,
  items,
  type SiteRecord,
  sites,
} from "./model.js";

export interface Token {
  seg: string;
  path?: string[];
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`Malformed URL segment '${segment}'.`);
  }
}

/** Tokenizes a path relative to /v1.0 (raw, percent-encoded). */
export function tokenize(rawPath: string): Token[] {
  const parts = rawPath.split("/").filter((p) => p !== "");
  const tokens: Token[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part.endsWith(":") && part.length > 1) {
      const path: string[] = [];
      let j = i + 1;
      for (; j < parts.length; j++) {
        const p = parts[j] as string;
        if (p.endsWith(":")) {
          if (p.length > 1) path.push(decode(p.slice(0, -1)));
          break;
        }
        path.push(decode(p));
      }
      tokens.push({ seg: decode(part.slice(0, -1)), path });
      i = j;
    } else if (part !== "") {
      tokens.push({ seg: decode(part) });
    }
  }
  return tokens;
}

/** The request path relative to the Graph version prefix. */
export function relativePath(url: string): string {
  const pathname = new URL(url).pathname;
  const m = /^\/(v1\.0|beta)(\/.*)?$/.exec(pathname);
  return m ? (m[2] ?? "/") : pathname;
}

export function resolveSite(ctx: TenantContext, token: Token): SiteRecord {
  if (token.path !== undefined) {
    const host = token.seg.toLowerCase();
    const wanted = `/${token.path.join("/")}`.replace(/\/+$/, "").toLowerCase();
    for (const site of sites(ctx).values()) {
      if (site.hostname.toLowerCase() === host && site.path.toLowerCase() === wanted) return site;
    }
    if (wanted === "" && host === ensureRootSite(ctx).hostname.toLowerCase()) return ensureRootSite(ctx);
    throw notFound("Requested site could not be found");
  }
  if (token.seg === "root") return ensureRootSite(ctx);
  const direct = sites(ctx).get(token.seg);
  if (direct) return direct;
  const lower = token.seg.toLowerCase();
  for (const site of sites(ctx).values()) {
    if (
      site.id.toLowerCase() === lower ||
      site.siteCollectionId === lower ||
      `${site.hostname},${site.siteCollectionId}` === lower
    ) {
      return site;
    }
  }
  throw notFound("Requested site could not be found");
}

export function driveById(ctx: TenantContext, id: string): DriveRecord {
  const drive = drives(ctx).get(id);
  if (!drive) throw notFound("The drive could not be found.");
  return drive;
}

export function siteDefaultDrive(ctx: TenantContext, site: SiteRecord): DriveRecord {
  return driveById(ctx, site.defaultDriveId);
}

export function personalDrive(ctx: TenantContext, userIdOrUpn: string): DriveRecord {
  const users = ctx.store.collection<{ id: string; userPrincipalName?: string }>("users");
  let userId = users.has(userIdOrUpn) ? userIdOrUpn : undefined;
  if (!userId) {
    const lower = userIdOrUpn.toLowerCase();
    for (const [id, u] of users) if (u.userPrincipalName?.toLowerCase() === lower) userId = id;
  }
  if (!userId) throw new GraphError(404, "itemNotFound", `User '${userIdOrUpn}' was not found.`);
  return ensurePersonalDrive(ctx, userId);
}

export interface ItemTarget {
  drive: DriveRecord;
  /** the addressed item, when it exists */
  item: DriveItemRecord | undefined;
  /** the parent of the addressed path (for creating `…:/{name}:` items) */
  parent: DriveItemRecord | undefined;
  /** the last path segment (the name of an item to create) */
  leafName: string | undefined;
}

export function itemInDrive(ctx: TenantContext, drive: DriveRecord, id: string): DriveItemRecord {
  const item = items(ctx).get(id);
  if (!item || item.driveId !== drive.id) throw notFound("The resource could not be found.");
  return item;
}

/** Resolves `root`, `root:/path:`, `items/{id}` or `items/{id}:/path:` within a drive. */
export function resolveItem(
  ctx: TenantContext,
  drive: DriveRecord,
  baseId: string,
  path: string[] | undefined,
): ItemTarget {
  const base = itemInDrive(ctx, drive, baseId);
  if (!path || path.length === 0) return { drive, item: base, parent: undefined, leafName: undefined };
  let current: DriveItemRecord | undefined = base;
  let parent: DriveItemRecord | undefined;
  for (let i = 0; i < path.length; i++) {
    const name = path[i] as string;
    if (!current) {
      return { drive, item: undefined, parent: undefined, leafName: undefined };
    }
    parent = current;
    current = findChild(ctx, current.id, name);
  }
  return { drive, item: current, parent, leafName: path[path.length - 1] };
}

/** The item or a 404. */
export function requireItem(target: ItemTarget): DriveItemRecord {
  if (!target.item) throw notFound("The resource could not be found.");
  return target.item;
}

/**
 * For other modules (workbook): resolves the drive item addressed by tokens such as
 * drives/{d}/items/{i}/…, drives/{d}/root:/a.xlsx:/…, sites/{s}/drive/…, me/drive/…, users/{u}/drive/…
 * and returns the remaining tokens. Undefined when the path does not address a drive item.
 */
export function resolveDriveItemPath(
  ctx: TenantContext,
  tokens: Token[],
  callerUserId: string | undefined,
): { target: ItemTarget; rest: Token[] } | undefined {
  let i = 0;
  let drive: DriveRecord | undefined;
  const head = tokens[0]?.seg;
  if (head === "drives" && tokens[1]) {
    drive = driveById(ctx, tokens[1].seg);
    i = 2;
  } else if (head === "sites" && tokens[1]) {
    const site = resolveSite(ctx, tokens[1]);
    if (tokens[2]?.seg === "drive") {
      drive = siteDefaultDrive(ctx, site);
      i = 3;
    } else if (tokens[2]?.seg === "drives" && tokens[3]) {
      drive = driveById(ctx, tokens[3].seg);
      i = 4;
    }
  } else if (head === "me" && tokens[1]?.seg === "drive") {
    if (!callerUserId)
      throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
    drive = personalDrive(ctx, callerUserId);
    i = 2;
  } else if (head === "users" && tokens[1] && tokens[2]?.seg === "drive") {
    drive = personalDrive(ctx, tokens[1].seg);
    i = 3;
  }
  if (!drive) return undefined;
  const t = tokens[i];
  if (t?.seg === "root") return { target: resolveItem(ctx, drive, drive.rootId, t.path), rest: tokens.slice(i + 1) };
  if (t?.seg === "items" && tokens[i + 1]) {
    const idTok = tokens[i + 1] as Token;
    return { target: resolveItem(ctx, drive, idTok.seg, idTok.path), rest: tokens.slice(i + 2) };
  }
  return undefined;
}
