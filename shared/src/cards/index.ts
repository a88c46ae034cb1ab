export * from "./error.js";
export * from "./help.js";
export * from "./welcome.js";
