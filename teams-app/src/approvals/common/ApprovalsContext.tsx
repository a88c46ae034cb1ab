import type { FilePlanView, Principal } from "@komu/shared";
import { createContext, type ReactNode, useContext } from "react";
import type { LoadState } from "../../app/useLoad.js";
import type { UploadOptions } from "../../records/api/upload.js";
import type { ApprovalsApi } from "../api/approvals-api.js";

export interface ApprovalsContextValue {
  schoolId: string;
  schoolName: string;
  api: ApprovalsApi;
  principal: Principal;
  /** The school's 文書分類表 (for 文書分類 when drafting). */
  plan: LoadState<FilePlanView>;
  reloadPlan: () => void;
  uploadOptions: Pick<UploadOptions, "tokens" | "lang" | "onUnauthorized">;
  announce: (text: string) => void;
  /** Open an approval's detail page (null: back to the list). */
  openApproval: (id: string | null) => void;
}

const ApprovalsContext = createContext<ApprovalsContextValue | null>(null);

export function ApprovalsProvider({ value, children }: { value: ApprovalsContextValue; children: ReactNode }) {
  return <ApprovalsContext.Provider value={value}>{children}</ApprovalsContext.Provider>;
}

export function useApprovals(): ApprovalsContextValue {
  const value = useContext(ApprovalsContext);
  if (!value) throw new Error("useApprovals outside ApprovalsProvider");
  return value;
}
