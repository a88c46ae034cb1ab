/** The meetings module's minutes routes (engineer M2 fills this in). */
import type { Endpoint } from "../../http/types.js";

export const minutesEndpoints: readonly Endpoint[] = [];
