/** The meetings module's notes routes (engineer M2 fills this in). */
import type { Endpoint } from "../../http/types.js";

export const notesEndpoints: readonly Endpoint[] = [];
