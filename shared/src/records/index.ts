export * from "./api.js";
export * from "./default-file-plans.js";
export * from "./file-names.js";
export * from "./file-plan.js";
export * from "./file-types.js";
export * from "./numbering.js";
export * from "./retention.js";
