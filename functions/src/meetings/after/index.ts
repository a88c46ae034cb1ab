/**
 * After the meeting: class I/II materials lose their sharing (job meetings-sharing-expiry) and the
 * meeting's folder is filed as records (POST …/file).
 */
import type { Endpoint } from "../../http/types.js";
import { fileMeetingEndpoint } from "./routes.js";

export { meetingsSharingExpiryJob } from "./job.js";
export { removeConfidentialSharing, runSharingExpiry, sharingDueAt } from "./sharing-expiry.js";

export const afterEndpoints: readonly Endpoint[] = [fileMeetingEndpoint];
