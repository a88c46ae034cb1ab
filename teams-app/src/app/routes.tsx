import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import type { ModuleInfo } from "./modules.js";

/** Route-level code splitting: each page is its own chunk. */
export const HomePage = lazy(() => import("../pages/HomePage.js"));
export const NotFoundPage = lazy(() => import("../pages/NotFoundPage.js"));
export const LegalPage = lazy(() => import("../pages/LegalPage.js"));
export const ConfigPage = lazy(() => import("../pages/ConfigPage.js"));
/** A meeting's presenter view (side panel, stage, browser) and the meeting tab's configuration page. */
export const MeetingStagePage = lazy(() => import("../meetings/stage/StagePage.js"));
export const MeetingTabConfigPage = lazy(() => import("../meetings/stage/ConfigureTab.js"));

export const MODULE_PAGES: Record<ModuleInfo["key"], LazyExoticComponent<ComponentType>> = {
  approvals: lazy(() => import("../pages/modules/ApprovalsPage.js")),
  meetings: lazy(() => import("../pages/modules/MeetingsPage.js")),
  surveys: lazy(() => import("../pages/modules/SurveysPage.js")),
  documents: lazy(() => import("../pages/modules/DocumentsPage.js")),
  notices: lazy(() => import("../pages/modules/NoticesPage.js")),
  grading: lazy(() => import("../pages/modules/GradingPage.js")),
  dashboard: lazy(() => import("../pages/modules/DashboardPage.js")),
};
