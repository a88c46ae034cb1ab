export * from "./api.js";
export * from "./defaults.js";
export * from "./machine.js";
export * from "./route.js";
export * from "./state.js";
export * from "./verification.js";
