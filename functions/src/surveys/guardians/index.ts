/**
 * Guardians' single-use signed links (保護者用リンク): the public page and JSON API a guardian
 * opens on a phone, and the school's list of links with QR codes. See README.md beside this file.
 */
import type { Endpoint } from "../../http/types.js";
import { guardianLinksEndpoint, reissueLinkEndpoint } from "./routes/links.js";
import { publicGuardianEndpoints } from "./routes/public.js";

export const guardianEndpoints: readonly Endpoint[] = [
  guardianLinksEndpoint,
  reissueLinkEndpoint,
  ...publicGuardianEndpoints,
];
