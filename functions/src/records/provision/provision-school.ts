/**
 * Provisions one school's records library: site → library (+ columns) → this 年度's folders →
 * Kōmu's records settings (abbreviation, kind, number formats, library location) and the default
 * file plan when the school has none. Idempotent: a second run only reads (site, library with its
 * columns, the 年度 folder's children) and writes nothing. `dryRun` reads and reports the plan.
 */
import {
  DEFAULT_NUMBER_FORMATS,
  defaultFilePlan,
  fileableCategories,
  fiscalYearOf,
  isKomuError,
  type SchoolKind,
} from "@komu/shared";
import type { RecordsDeps } from "../deps.js";
import type { LibraryLocation } from "../entities.js";
import { FILE_PLAN_ID, recordsRepos, SETTINGS_ID } from "../repos.js";
import { createFolders, planFolders } from "./folders.js";
import { ensureLibrary, inspectLibrary, resolveSite, sitePath } from "./library.js";

export interface SchoolToProvision {
  schoolId: string;
  name: string;
  /** 略称 (青小), used in document numbers. */
  abbreviation: string;
  kind: SchoolKind;
}

export interface ProvisionReport {
  schoolId: string;
  dryRun: boolean;
  site: { id: string; path: string };
  library: "created" | "existing" | "wouldCreate";
  columnsAdded: string[];
  fiscalYear: number;
  foldersCreated: number;
  settings: "created" | "updated" | "unchanged" | "wouldCreate" | "wouldUpdate";
  filePlan: "created" | "existing" | "wouldCreate";
  /** Graph calls and estimated SharePoint RU this run spent (when the gateway counts them). */
  graphCalls: number;
  resourceUnits: number;
}

export interface ProvisionOptions {
  dryRun?: boolean;
  actor?: { oid: string; name: string };
}

const sameLocation = (a: LibraryLocation | null | undefined, b: LibraryLocation) =>
  !!a &&
  a.siteId === b.siteId &&
  a.listId === b.listId &&
  a.driveId === b.driveId &&
  a.columns.join() === b.columns.join();

export async function provisionSchool(
  deps: RecordsDeps,
  school: SchoolToProvision,
  options: ProvisionOptions = {},
): Promise<ProvisionReport> {
  const repos = recordsRepos(deps.storage);
  const client = deps.graph.app;
  const counter = deps.graph.calls;
  const callsBefore = counter.total();
  const unitsBefore = counter.totalUnits?.() ?? 0;
  const fiscalYear = fiscalYearOf(deps.clock());
  const site = await resolveSite(client, deps.config, school.schoolId);

  const existingPlan = await repos.filePlan.get(school.schoolId, FILE_PLAN_ID);
  const plan = existingPlan?.data.plan ?? defaultFilePlan(school.kind);
  const settingsRow = await repos.settings.get(school.schoolId, SETTINGS_ID);

  const report = (
    partial: Pick<ProvisionReport, "library" | "columnsAdded" | "foldersCreated" | "settings" | "filePlan">,
  ) => ({
    schoolId: school.schoolId,
    dryRun: options.dryRun === true,
    site: { id: site.id, path: sitePath(deps.config, school.schoolId) },
    fiscalYear,
    ...partial,
    graphCalls: counter.total() - callsBefore,
    resourceUnits: (counter.totalUnits?.() ?? 0) - unitsBefore,
  });

  if (options.dryRun) {
    const { existing, missingColumns } = await inspectLibrary(client, site.id, deps.config.libraryName);
    const folders = existing?.drive?.id
      ? await planFolders(client, existing.drive.id, fiscalYear, fileableCategories(plan))
      : { missing: fileableCategories(plan), yearFolderExists: false };
    return report({
      library: existing ? "existing" : "wouldCreate",
      columnsAdded: missingColumns.map((c) => c.name),
      foldersCreated: folders.missing.length + (folders.yearFolderExists ? 0 : 1),
      settings: !settingsRow ? "wouldCreate" : settingsRow.data.library ? "unchanged" : "wouldUpdate",
      filePlan: existingPlan ? "existing" : "wouldCreate",
    });
  }

  const library = await ensureLibrary(client, site.id, deps.config.libraryName);
  const folderPlan = await planFolders(client, library.driveId, fiscalYear, fileableCategories(plan));
  const foldersCreated = await createFolders(client, library.driveId, folderPlan);

  const location: LibraryLocation = {
    siteId: site.id,
    listId: library.listId,
    driveId: library.driveId,
    webUrl: library.webUrl,
    provisionedAt: deps.clock().toISOString(),
    columns: library.columns,
  };
  let settings: ProvisionReport["settings"] = "unchanged";
  if (!settingsRow) {
    try {
      await repos.settings.create(school.schoolId, SETTINGS_ID, {
        schoolKind: school.kind,
        abbreviation: school.abbreviation,
        numberFormats: { ...DEFAULT_NUMBER_FORMATS },
        library: location,
      });
      settings = "created";
    } catch (e) {
      if (!(isKomuError(e) && e.code === "CONFLICT")) throw e; // a concurrent run wrote it
    }
  } else if (!sameLocation(settingsRow.data.library, location)) {
    await repos.settings.update(school.schoolId, SETTINGS_ID, { library: location }, settingsRow.etag, {
      mode: "merge",
    });
    settings = "updated";
  }
  let filePlan: ProvisionReport["filePlan"] = "existing";
  if (!existingPlan) {
    try {
      await repos.filePlan.create(school.schoolId, FILE_PLAN_ID, { plan });
      filePlan = "created";
    } catch (e) {
      if (!(isKomuError(e) && e.code === "CONFLICT")) throw e;
    }
  }
  const result = report({
    library: library.created ? "created" : "existing",
    columnsAdded: library.columnsAdded,
    foldersCreated,
    settings,
    filePlan,
  });
  const changed = library.created || library.columnsAdded.length > 0 || foldersCreated > 0 || settings !== "unchanged";
  if (changed || filePlan === "created") {
    await deps.storage.audit.append(school.schoolId, {
      kind: "records.configChanged",
      actor: options.actor ?? { oid: "system", name: "Kōmu" },
      target: { kind: "recordsLibrary", id: school.schoolId },
      data: {
        what: "provisioned",
        changes: {
          library: { from: library.created ? null : "existing", to: library.listId },
          columnsAdded: { from: [], to: library.columnsAdded },
          foldersCreated: { from: 0, to: foldersCreated },
          settings: { from: null, to: settings },
          filePlan: { from: null, to: filePlan },
        },
      },
    });
  }
  return result;
}
