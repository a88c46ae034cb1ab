/** The 収受・発送簿 endpoints, for the app's endpoint list. */
import type { Endpoint } from "../../../http/types.js";
import { createEntryEndpoint } from "./create-entry.js";
import { exportRegisterEndpoint } from "./export-register.js";
import { listEntriesEndpoint } from "./list-entries.js";
import { voidEntryEndpoint } from "./void-entry.js";

export const registerEndpoints: readonly Endpoint[] = [
  listEntriesEndpoint,
  createEntryEndpoint,
  exportRegisterEndpoint,
  voidEntryEndpoint,
];
