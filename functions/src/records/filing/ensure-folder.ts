/**
 * Creates `2026年度/<code> <name>` when filing finds it missing (provisioning creates the current
 * 年度's folders up front; older 年度 appear on first use). Deepest first: one call when the 年度
 * folder exists. `fail` on a clash: a 409 means the folder is there already, which is what we want.
 */
import { encodePath, graphStatus } from "../sharepoint/graph-paths.js";
import type { LibraryApi } from "../sharepoint/library.js";

async function createChild(api: LibraryApi, parentPath: string, name: string): Promise<void> {
  const drive = `/drives/${encodeURIComponent(api.driveId)}`;
  const parent = parentPath ? `${drive}/root:/${encodePath(parentPath)}:` : `${drive}/root`;
  try {
    await api.client.api(`${parent}/children`).post({ name, folder: {}, "@microsoft.graph.conflictBehavior": "fail" });
  } catch (e) {
    if (graphStatus(e) !== 409) throw e;
  }
}

export async function ensureFolder(api: LibraryApi, folderPath: string): Promise<void> {
  const parts = folderPath.split("/").filter(Boolean);
  const leaf = parts.pop();
  if (!leaf) return;
  const parentPath = parts.join("/");
  try {
    await createChild(api, parentPath, leaf);
  } catch (e) {
    if (graphStatus(e) !== 404 || !parentPath) throw e;
    await ensureFolder(api, parentPath);
    await createChild(api, parentPath, leaf);
  }
}
