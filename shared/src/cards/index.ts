export * from "./welcome.js";
export * from "./help.js";
export * from "./error.js";
