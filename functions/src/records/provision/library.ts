/**
 * Provisioning, SharePoint side: the school's site (by host name and path), the records library
 * with its columns (one POST with every column when it is new; missing columns added to an
 * existing one). Reads first, so a second run spends only the reads.
 */
import { KomuError } from "@komu/shared";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { RecordsConfig } from "../../config.js";
import { type ColumnDefinition, columnBody, RECORD_COLUMNS } from "../sharepoint/columns.js";
import { encodePath, graphStatus } from "../sharepoint/graph-paths.js";

export interface SiteRef {
  id: string;
  webUrl: string | null;
}

export interface LibraryState {
  listId: string;
  driveId: string;
  webUrl: string | null;
  /** Every column name now on the list. */
  columns: string[];
  created: boolean;
  columnsAdded: string[];
}

export function sitePath(config: RecordsConfig, schoolId: string): string {
  return config.siteTemplate.replaceAll("{schoolId}", schoolId);
}

export async function resolveSite(client: Client, config: RecordsConfig, schoolId: string): Promise<SiteRef> {
  if (!config.sharePointHostname) {
    throw new KomuError("CONFIGURATION_INVALID", {
      message: {
        ja: "SHAREPOINT_HOSTNAME が設定されていません（例: contoso.sharepoint.com）。",
        en: "SHAREPOINT_HOSTNAME is not set (e.g. contoso.sharepoint.com).",
      },
      details: { variable: "SHAREPOINT_HOSTNAME" },
    });
  }
  const path = sitePath(config, schoolId);
  try {
    const site = (await client
      .api(`/sites/${encodeURIComponent(config.sharePointHostname)}:/${encodePath(path)}`)
      .query({ $select: "id,webUrl" })
      .get()) as { id: string; webUrl?: string };
    return { id: site.id, webUrl: site.webUrl ?? null };
  } catch (e) {
    if (graphStatus(e) === 404)
      throw new KomuError("NOT_FOUND", {
        message: {
          ja: `学校のサイト ${config.sharePointHostname}${path} が見つかりません。`,
          en: `The school's site ${config.sharePointHostname}${path} was not found.`,
        },
        details: { kind: "site", hostname: config.sharePointHostname, path },
      });
    throw e;
  }
}

interface GraphList {
  id: string;
  webUrl?: string;
  list?: { template?: string };
  columns?: { name: string }[];
  drive?: { id: string };
}

async function getLibrary(client: Client, siteId: string, name: string): Promise<GraphList | undefined> {
  try {
    return (await client
      .api(`/sites/${encodeURIComponent(siteId)}/lists/${encodeURIComponent(name)}`)
      .query({ $select: "id,webUrl,list", $expand: "columns($select=name),drive($select=id)" })
      .get()) as GraphList;
  } catch (e) {
    if (graphStatus(e) === 404) return undefined;
    throw e;
  }
}

export async function inspectLibrary(
  client: Client,
  siteId: string,
  name: string,
): Promise<{ existing: GraphList | undefined; missingColumns: ColumnDefinition[] }> {
  const existing = await getLibrary(client, siteId, name);
  if (existing?.list?.template && existing.list.template !== "documentLibrary") {
    throw new KomuError("CONFLICT", {
      message: {
        ja: `サイトに「${name}」という名前の（文書ライブラリではない）リストがあります。`,
        en: `The site has a list named "${name}" that is not a document library.`,
      },
      details: { listId: existing.id, template: existing.list.template },
    });
  }
  const have = new Set((existing?.columns ?? []).map((c) => c.name.toLowerCase()));
  return { existing, missingColumns: RECORD_COLUMNS.filter((c) => !have.has(c.name.toLowerCase())) };
}

export async function ensureLibrary(
  client: Client,
  siteId: string,
  name: string,
  retried = false,
): Promise<LibraryState> {
  const { existing, missingColumns } = await inspectLibrary(client, siteId, name);
  if (!existing) {
    let created: GraphList;
    try {
      created = (await client.api(`/sites/${encodeURIComponent(siteId)}/lists`).post({
        displayName: name,
        description: "Kōmu 学校文書（文書分類・年度・保存期間つき） / Kōmu school records",
        list: { template: "documentLibrary" },
        columns: RECORD_COLUMNS.map(columnBody),
      })) as GraphList;
    } catch (e) {
      // A concurrent run (or a create whose reply was lost) made it: use that one.
      if (graphStatus(e) === 409 && !retried) return ensureLibrary(client, siteId, name, true);
      throw e;
    }
    const withDrive = (await client
      .api(`/sites/${encodeURIComponent(siteId)}/lists/${encodeURIComponent(created.id)}`)
      .query({ $select: "id,webUrl", $expand: "drive($select=id)" })
      .get()) as GraphList;
    if (!withDrive.drive?.id) throw new KomuError("INTERNAL", { details: { reason: "library without a drive" } });
    return {
      listId: created.id,
      driveId: withDrive.drive.id,
      webUrl: withDrive.webUrl ?? created.webUrl ?? null,
      columns: RECORD_COLUMNS.map((c) => c.name),
      created: true,
      columnsAdded: RECORD_COLUMNS.map((c) => c.name),
    };
  }
  for (const column of missingColumns) {
    try {
      await client
        .api(`/sites/${encodeURIComponent(siteId)}/lists/${encodeURIComponent(existing.id)}/columns`)
        .post(columnBody(column));
    } catch (e) {
      if (graphStatus(e) !== 409) throw e; // added meanwhile by another run
    }
  }
  if (!existing.drive?.id) throw new KomuError("INTERNAL", { details: { reason: "library without a drive" } });
  const names = new Set([...(existing.columns ?? []).map((c) => c.name), ...missingColumns.map((c) => c.name)]);
  return {
    listId: existing.id,
    driveId: existing.drive.id,
    webUrl: existing.webUrl ?? null,
    columns: RECORD_COLUMNS.map((c) => c.name).filter((n) => names.has(n)),
    created: false,
    columnsAdded: missingColumns.map((c) => c.name),
  };
}
