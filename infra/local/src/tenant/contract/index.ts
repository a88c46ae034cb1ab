/** Contract harness for the local tenant (shared by the tenant's route-module engineers). */
export {
  type ContractExample,
  contractExamplesDir,
  hasContractExamples,
  listExamples,
  loadExample,
  REPO_ROOT,
} from "./examples.js";
export { appToken, graphFetch, startTestTenant, userGraphToken } from "./fixture.js";
export { exampleUrl, type ReplayOptions, type ReplayResult, replayExample } from "./replay.js";
export { compareShape, jsonType, type ShapeOptions } from "./shape.js";
export { describeContract, missingExamplesMessage } from "./suite.js";
