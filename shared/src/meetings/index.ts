export * from "./api.js";
export * from "./meeting.js";
export * from "./notes.js";
