/** The surveys module's results endpoints (filled in by its engineer). */
import type { Endpoint } from "../../http/types.js";

export const resultsEndpoints: readonly Endpoint[] = [];
