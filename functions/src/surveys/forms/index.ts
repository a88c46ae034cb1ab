/**
 * Microsoft Forms import: a form's response workbook (.xlsx in SharePoint/OneDrive) registered as
 * a tracked survey; re-sync reads new rows only. See ../README.md (Microsoft Forms import).
 * POST …/surveys/forms is a static path: surveys/index.ts lists these before the {surveyId} routes.
 */
import type { Endpoint } from "../../http/types.js";
import { formsRegisterEndpoint, formsSyncEndpoint } from "./routes.js";

export const formsEndpoints: readonly Endpoint[] = [formsRegisterEndpoint, formsSyncEndpoint];
