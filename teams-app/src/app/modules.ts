/** The modules in the navigation, their paths (also the manifest's static tab paths) and the issue that brings each. */
export interface ModuleInfo {
  key: "approvals" | "meetings" | "surveys" | "documents" | "notices" | "grading" | "dashboard";
  path: `/${string}`;
  /** The issue that will build it (absent once the module is built, or while no issue plans it). */
  issue?: 5 | 6 | 7;
}

export const MODULES: readonly ModuleInfo[] = [
  { key: "approvals", path: "/approvals" },
  { key: "meetings", path: "/meetings", issue: 6 },
  { key: "surveys", path: "/surveys" },
  { key: "documents", path: "/documents" },
  { key: "notices", path: "/notices" },
  { key: "grading", path: "/grading" },
  { key: "dashboard", path: "/dashboard" },
];

export const moduleByKey = (key: ModuleInfo["key"]): ModuleInfo => {
  const found = MODULES.find((m) => m.key === key);
  if (!found) throw new Error(`unknown module ${key}`);
  return found;
};
