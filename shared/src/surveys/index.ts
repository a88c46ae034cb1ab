export * from "./aggregate.js";
export * from "./answers.js";
export * from "./api.js";
export * from "./export.js";
export * from "./questions.js";
export * from "./survey.js";
export * from "./templates.js";
export * from "./tracking.js";
