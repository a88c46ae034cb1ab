/**
 * Provisioning, folders: `<年度>年度/` and one folder per fileable category below it, for the
 * current 年度. Lists what exists (one query), then creates only what is missing through Graph
 * JSON batching (20 requests per $batch; `fail` on a clash, so a concurrent run is harmless: its
 * 409 means the folder is there). Inner 429/503s are retried after their Retry-After.
 */
import { type FilePlanCategory, fiscalYearFolder, folderName } from "@komu/shared";
import type { Client } from "@microsoft/microsoft-graph-client";
import { encodePath, graphStatus } from "../sharepoint/graph-paths.js";

export const BATCH_SIZE = 20;
const MAX_ROUNDS = 6;

interface BatchResponse {
  responses: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function childNames(client: Client, driveId: string, path: string): Promise<Set<string> | undefined> {
  try {
    const names = new Set<string>();
    let next: string | undefined =
      `/drives/${encodeURIComponent(driveId)}/root:/${encodePath(path)}:/children?$select=name&$top=999`;
    while (next) {
      const page = (await client.api(next).get()) as { value: { name: string }[]; "@odata.nextLink"?: string };
      for (const c of page.value) names.add(c.name.toLowerCase());
      next = page["@odata.nextLink"];
    }
    return names;
  } catch (e) {
    if (graphStatus(e) === 404) return undefined;
    throw e;
  }
}

async function createFolder(client: Client, driveId: string, name: string): Promise<void> {
  try {
    await client
      .api(`/drives/${encodeURIComponent(driveId)}/root/children`)
      .post({ name, folder: {}, "@microsoft.graph.conflictBehavior": "fail" });
  } catch (e) {
    if (graphStatus(e) !== 409) throw e;
  }
}

/** Creates the folders named `names` below `parentPath` in batches; returns how many were created. */
async function createChildren(client: Client, driveId: string, parentPath: string, names: string[]): Promise<number> {
  let created = 0;
  let pending = names;
  for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
    const retry: string[] = [];
    let waitMs = 0;
    for (let i = 0; i < pending.length; i += BATCH_SIZE) {
      const group = pending.slice(i, i + BATCH_SIZE);
      const res = (await client.api("/$batch").post({
        requests: group.map((name, n) => ({
          id: String(n + 1),
          method: "POST",
          url: `/drives/${encodeURIComponent(driveId)}/root:/${encodePath(parentPath)}:/children`,
          headers: { "Content-Type": "application/json" },
          body: { name, folder: {}, "@microsoft.graph.conflictBehavior": "fail" },
        })),
      })) as BatchResponse;
      for (const r of res.responses) {
        const name = group[Number(r.id) - 1] as string;
        if (r.status === 201 || r.status === 200) created += 1;
        else if (r.status === 409) continue;
        else if (r.status === 429 || r.status >= 500) {
          retry.push(name);
          const after = Number(r.headers?.["Retry-After"] ?? r.headers?.["retry-after"] ?? 2);
          waitMs = Math.max(waitMs, (Number.isFinite(after) ? after : 2) * 1000);
        } else {
          throw Object.assign(new Error(`creating folder ${parentPath}/${name} failed: ${r.status}`), {
            statusCode: r.status,
            body: r.body,
          });
        }
      }
    }
    pending = retry;
    if (pending.length > 0) await sleep(waitMs);
  }
  if (pending.length > 0)
    throw Object.assign(new Error(`folders still throttled: ${pending.join(", ")}`), { statusCode: 503 });
  return created;
}

export interface FolderPlan {
  fiscalYear: number;
  yearFolderExists: boolean;
  missing: string[];
}

export async function planFolders(
  client: Client,
  driveId: string,
  fiscalYear: number,
  categories: readonly Pick<FilePlanCategory, "code" | "name">[],
): Promise<FolderPlan> {
  const year = fiscalYearFolder(fiscalYear);
  const existing = await childNames(client, driveId, year);
  const wanted = categories.map((c) => folderName(c));
  return {
    fiscalYear,
    yearFolderExists: existing !== undefined,
    missing: wanted.filter((n) => !existing?.has(n.toLowerCase())),
  };
}

/** Creates what `plan` found missing; returns the number of folders created. */
export async function createFolders(client: Client, driveId: string, plan: FolderPlan): Promise<number> {
  const year = fiscalYearFolder(plan.fiscalYear);
  let created = 0;
  if (!plan.yearFolderExists) {
    await createFolder(client, driveId, year);
    created += 1;
  }
  return created + (await createChildren(client, driveId, year, plan.missing));
}
