/**
 * Page text of meeting materials (pdf.js, per material version): GET …/text, and
 * extractAndStoreText for the material upload/replacement effect.
 */
import type { Endpoint } from "../../http/types.js";
import { materialTextEndpoint } from "./routes.js";

export { currentPages, materialBytes } from "./material-text.js";
export { extractAndStoreText, type StoreTextInput } from "./store-text.js";

export const textEndpoints: readonly Endpoint[] = [materialTextEndpoint];
