/**
 * Read access to the meeting's materials with as few permission operations as Graph allows: the
 * permission is on the shared SUBFOLDERS 資料 and 取扱注意 (materials inherit: 0 operations per
 * material and per attendee). One `POST /drives/{d}/items/{folder}/invite` per subfolder
 * (requireSignIn, no invitation mail, read) names the attendee groups themselves (allStaff / role
 * groups, by object id) plus only the named people no group covers. A re-distribution invites
 * only recipients not granted yet and deletes the grants of those no longer attending (one DELETE
 * each). Permission ids are remembered on the row. If the tenant refuses groups in an invite
 * (400), each attendee is invited by name through `$batch` (20 per request) — `grantMode: batch`.
 */

import type { MeetingsDeps } from "../deps.js";
import type { FolderGrant } from "../entities.js";

export interface Recipient {
  kind: "group" | "user";
  id: string;
}

interface PermissionReply {
  id: string;
  grantedToV2?: { user?: { id?: string }; group?: { id?: string } };
  grantedTo?: { user?: { id?: string } };
}

export interface GrantResult {
  grants: FolderGrant[];
  operations: number;
  mode: "invite" | "batch";
}

const inviteBody = (recipients: { objectId: string }[]) => ({
  recipients,
  requireSignIn: true,
  sendInvitation: false,
  roles: ["read"],
});

function grantsFrom(folderId: string, wanted: Recipient[], replies: PermissionReply[]): FolderGrant[] {
  const out: FolderGrant[] = [];
  for (const p of replies) {
    const id = p.grantedToV2?.group?.id ?? p.grantedToV2?.user?.id ?? p.grantedTo?.user?.id;
    const r = wanted.find((w) => w.id === id);
    if (r) out.push({ folderId, permissionId: p.id, kind: r.kind, principalId: r.id });
  }
  return out;
}

async function deletePermission(deps: Pick<MeetingsDeps, "graph">, item: string, permissionId: string) {
  try {
    await deps.graph.app.api(`${item}/permissions/${encodeURIComponent(permissionId)}`).delete();
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode !== 404) throw e;
  }
}

export async function grantFolderAccess(
  deps: Pick<MeetingsDeps, "graph" | "logger">,
  input: {
    driveId: string;
    folderIds: string[];
    /** Groups and uncovered people (the one-invite form). */
    recipients: Recipient[];
    /** Every attendee (the $batch fallback invites each by name). */
    attendeeOids: string[];
    existing: FolderGrant[];
    mode: "invite" | "batch" | null;
  },
): Promise<GrantResult> {
  const drive = `/drives/${encodeURIComponent(input.driveId)}`;
  let mode: "invite" | "batch" = input.mode ?? "invite";
  let operations = 0;
  const grants: FolderGrant[] = [];
  const wantedFor = (m: "invite" | "batch"): Recipient[] =>
    m === "invite" ? input.recipients : input.attendeeOids.map((id) => ({ kind: "user" as const, id }));

  // Grants on folders no longer shared (e.g. made on the meeting folder itself) are removed.
  for (const g of input.existing.filter((x) => !input.folderIds.includes(x.folderId))) {
    operations++;
    await deletePermission(deps, `${drive}/items/${encodeURIComponent(g.folderId)}`, g.permissionId);
  }
  for (const folderId of input.folderIds) {
    const item = `${drive}/items/${encodeURIComponent(folderId)}`;
    let wanted = wantedFor(mode);
    const here = input.existing.filter((g) => g.folderId === folderId);
    const keep = here.filter((g) => wanted.some((w) => w.id === g.principalId && w.kind === g.kind));
    const drop = here.filter((g) => !keep.includes(g));
    let toAdd = wanted.filter((w) => !keep.some((g) => g.principalId === w.id));
    grants.push(...keep);
    for (const g of drop) {
      operations++;
      await deletePermission(deps, item, g.permissionId);
    }
    if (toAdd.length === 0) continue;
    if (mode === "invite") {
      operations++;
      try {
        const reply = (await deps.graph.app
          .api(`${item}/invite`)
          .post(inviteBody(toAdd.map((r) => ({ objectId: r.id }))))) as { value?: PermissionReply[] };
        grants.push(...grantsFrom(folderId, toAdd, reply.value ?? []));
        continue;
      } catch (e) {
        const status = (e as { statusCode?: number }).statusCode;
        if (status !== 400 || !toAdd.some((r) => r.kind === "group")) throw e;
        deps.logger.warn("meetings.grant: the tenant refused groups in an invite; inviting each attendee ($batch)", {
          folderId,
        });
        mode = "batch";
        wanted = wantedFor(mode);
        toAdd = wanted.filter((w) => !grants.some((g) => g.folderId === folderId && g.principalId === w.id));
      }
    }
    for (let i = 0; i < toAdd.length; i += 20) {
      const chunk = toAdd.slice(i, i + 20);
      operations += chunk.length;
      const reply = (await deps.graph.app.api("/$batch").post({
        requests: chunk.map((r, n) => ({
          id: String(n + 1),
          method: "POST",
          url: `${item}/invite`,
          headers: { "Content-Type": "application/json" },
          body: inviteBody([{ objectId: r.id }]),
        })),
      })) as { responses?: { id: string; status: number; body?: { value?: PermissionReply[] } }[] };
      const failed = (reply.responses ?? []).filter((r) => r.status >= 300);
      if (failed.length > 0) throw new Error(`meetings.grant: ${failed.length} invites failed in $batch`);
      for (const r of reply.responses ?? []) grants.push(...grantsFrom(folderId, chunk, r.body?.value ?? []));
    }
  }
  return { grants, operations, mode };
}
