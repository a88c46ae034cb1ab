/** Route /documents: the school records library (学校文書, issue 4), its own lazy chunk. */
export { default } from "../../records/RecordsPage.js";
