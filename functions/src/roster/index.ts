/**
 * The class roster (名簿): students by grade and class and their guardians, imported from the
 * 校務支援 system's CSV export; students matched to their Entra users. See README.md.
 *
 *   - RosterDirectory / createRosterDirectory: the read side (built by the app's createDeps);
 *   - importRoster (one school), importTownRoster (a town-wide export split by school);
 *   - rosterEndpoints: GET …/roster/classes, GET …/roster/students, PUT …/roster/students|guardians.
 */
import type { Endpoint } from "../http/types.js";
import { importGuardiansEndpoint, importStudentsEndpoint } from "./routes/import.js";
import { rosterClassesEndpoint, rosterStudentsEndpoint } from "./routes/read.js";

export { createGraphStudentAccounts, type StudentAccount, type StudentAccounts } from "./accounts.js";
export {
  createRosterDirectory,
  type RosterClass,
  type RosterDirectory,
  type RosterGroup,
  type RosterGuardian,
  type RosterStudent,
} from "./directory.js";
export {
  type ImportRosterInput,
  importRoster,
  type RosterImportDeps,
  type RosterImportReport,
} from "./import-roster.js";
export { importTownRoster } from "./import-town.js";

export const rosterEndpoints: readonly Endpoint[] = [
  rosterClassesEndpoint,
  rosterStudentsEndpoint,
  importStudentsEndpoint,
  importGuardiansEndpoint,
];
