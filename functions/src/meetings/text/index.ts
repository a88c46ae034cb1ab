/** The meetings module's text routes (engineer M2 fills this in). */
import type { Endpoint } from "../../http/types.js";

export const textEndpoints: readonly Endpoint[] = [];
