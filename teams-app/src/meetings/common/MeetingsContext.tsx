import type { Principal } from "@komu/shared";
import { createContext, type ReactNode, useContext } from "react";
import type { ApiClient } from "../../api/client.js";
import type { UploadOptions } from "../../records/api/upload.js";
import type { MeetingsApi } from "../api/meetings-api.js";

export interface MeetingsContextValue {
  schoolId: string;
  schoolName: string;
  api: MeetingsApi;
  /** The session's client (for the records API: the file plan). */
  client: ApiClient;
  principal: Principal;
  /** meeting.manage in this school (新規作成). */
  chair: boolean;
  uploadOptions: Pick<UploadOptions, "tokens" | "lang" | "onUnauthorized">;
  announce: (text: string) => void;
  /** Open a meeting (its tab in ?view=, a material in ?material=); null: back to the list. */
  openMeeting: (id: string | null, view?: string, material?: string) => void;
  /** The list level: the list or 新規作成. */
  go: (view: "list" | "new") => void;
}

const MeetingsContext = createContext<MeetingsContextValue | null>(null);

export function MeetingsProvider({ value, children }: { value: MeetingsContextValue; children: ReactNode }) {
  return <MeetingsContext.Provider value={value}>{children}</MeetingsContext.Provider>;
}

export function useMeetings(): MeetingsContextValue {
  const value = useContext(MeetingsContext);
  if (!value) throw new Error("useMeetings outside MeetingsProvider");
  return value;
}
