/**
 * Survey results (集計), safe exports (CSV / Excel) and archiving to the records library.
 * See ../README.md (results and exports).
 */
import type { Endpoint } from "../../http/types.js";
import { archiveEndpoint, exportEndpoint, resultsEndpoint } from "./routes.js";

export const resultsEndpoints: readonly Endpoint[] = [resultsEndpoint, exportEndpoint, archiveEndpoint];
