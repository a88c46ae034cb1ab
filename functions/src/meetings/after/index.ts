/** The meetings module's after routes (engineer M2 fills this in). */
import type { Endpoint } from "../../http/types.js";

export const afterEndpoints: readonly Endpoint[] = [];
