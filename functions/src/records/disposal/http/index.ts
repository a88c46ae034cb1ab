/** The disposal (廃棄) endpoints, for the app's endpoint list. */
import type { Endpoint } from "../../../http/types.js";
import { candidatesEndpoint } from "./candidates.js";
import { decideEndpoint } from "./decide.js";
import { getDisposalEndpoint } from "./get.js";
import { listDisposalsEndpoint } from "./list.js";
import { proposeEndpoint } from "./propose.js";

export const disposalEndpoints: readonly Endpoint[] = [
  candidatesEndpoint,
  listDisposalsEndpoint,
  proposeEndpoint,
  getDisposalEndpoint,
  decideEndpoint,
];
