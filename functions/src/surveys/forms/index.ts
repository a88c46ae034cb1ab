/** The surveys module's forms endpoints (filled in by its engineer). */
import type { Endpoint } from "../../http/types.js";

export const formsEndpoints: readonly Endpoint[] = [];
