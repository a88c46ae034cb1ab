export * from "./access/capabilities.js";
export * from "./errors.js";
export * from "./i18n/index.js";
export * from "./principal.js";
export * from "./records/index.js";
export * from "./roles.js";
export * from "./tasks.js";
export * from "./time/index.js";
