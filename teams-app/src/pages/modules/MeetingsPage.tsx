/** Route /meetings: 会議 (issue 6), its own lazy chunk; a meeting's page, the editor and the material viewer are further chunks. */
export { default } from "../../meetings/MeetingsPage.js";
