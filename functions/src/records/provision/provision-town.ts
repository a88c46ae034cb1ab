/** Provisions every school of a list, one after the other (the RU budget paces the calls). */
import type { RecordsDeps } from "../deps.js";
import {
  type ProvisionOptions,
  type ProvisionReport,
  provisionSchool,
  type SchoolToProvision,
} from "./provision-school.js";

export async function provisionSchools(
  deps: RecordsDeps,
  schools: readonly SchoolToProvision[],
  options: ProvisionOptions & { onReport?: (r: ProvisionReport) => void } = {},
): Promise<ProvisionReport[]> {
  const reports: ProvisionReport[] = [];
  for (const school of schools) {
    const r = await provisionSchool(deps, school, options);
    options.onReport?.(r);
    reports.push(r);
  }
  return reports;
}
