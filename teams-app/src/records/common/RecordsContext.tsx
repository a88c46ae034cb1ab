import type { FilePlanView, Principal } from "@komu/shared";
import { createContext, type ReactNode, useContext } from "react";
import type { LoadState } from "../../app/useLoad.js";
import type { RecordsApi } from "../api/records-api.js";
import type { UploadOptions } from "../api/upload.js";
import type { RecordsAbilities } from "../model/access.js";

export interface RecordsContextValue {
  schoolId: string;
  schoolName: string;
  api: RecordsApi;
  principal: Principal;
  abilities: RecordsAbilities;
  /** The school's 文書分類表 (GET …/records/file-plan). */
  plan: LoadState<FilePlanView>;
  reloadPlan: () => void;
  /** Token, language and sign-in handling for uploads with progress. */
  uploadOptions: Pick<UploadOptions, "tokens" | "lang" | "onUnauthorized">;
  /** Say something in the page's polite live region (upload progress, results). */
  announce: (text: string) => void;
  /** Open a record's detail panel. */
  openRecord: (id: string) => void;
}

const RecordsContext = createContext<RecordsContextValue | null>(null);

export function RecordsProvider({ value, children }: { value: RecordsContextValue; children: ReactNode }) {
  return <RecordsContext.Provider value={value}>{children}</RecordsContext.Provider>;
}

export function useRecords(): RecordsContextValue {
  const value = useContext(RecordsContext);
  if (!value) throw new Error("useRecords outside RecordsProvider");
  return value;
}
