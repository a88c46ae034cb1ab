import type { Principal } from "@komu/shared";
import { createContext, type ReactNode, useContext } from "react";
import type { SurveysApi } from "../api/surveys-api.js";
import type { View } from "../model/views.js";

export interface SurveysContextValue {
  schoolId: string;
  schoolName: string;
  api: SurveysApi;
  principal: Principal;
  views: View[];
  announce: (text: string) => void;
  /** Open a survey's page (tab: 回答状況 by default; "edit" for a draft's builder); null: back to the list. */
  openSurvey: (id: string | null, view?: string) => void;
  /** Switch to a view of the list level (closes any survey). */
  go: (view: View) => void;
  /** Answer a survey in the tab. */
  respond: (schoolId: string, surveyId: string) => void;
}

const SurveysContext = createContext<SurveysContextValue | null>(null);

export function SurveysProvider({ value, children }: { value: SurveysContextValue; children: ReactNode }) {
  return <SurveysContext.Provider value={value}>{children}</SurveysContext.Provider>;
}

export function useSurveys(): SurveysContextValue {
  const value = useContext(SurveysContext);
  if (!value) throw new Error("useSurveys outside SurveysProvider");
  return value;
}
